import type { EvidenceStore, StoredEvidence, StoredEvidenceBundle } from './evidence-store.js';

/** In memory, for tests above the store. */
export class FakeEvidenceStore implements EvidenceStore {
  readonly bundles = new Map<string, StoredEvidenceBundle>();

  put(bundle: StoredEvidenceBundle): Promise<void> {
    this.bundles.set(bundle.releaseId, { ...bundle, content: Buffer.from(bundle.content) });
    return Promise.resolve();
  }

  get(releaseId: string): Promise<StoredEvidence | undefined> {
    const found = this.bundles.get(releaseId);
    if (found === undefined) return Promise.resolve(undefined);
    const { content: _content, ...meta } = found;
    return Promise.resolve(meta);
  }

  content(releaseId: string): Promise<StoredEvidenceBundle | undefined> {
    return Promise.resolve(this.bundles.get(releaseId));
  }
}
