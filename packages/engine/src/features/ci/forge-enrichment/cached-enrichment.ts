import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type {
  ForgeChangeRequest,
  ForgeChangeRequestRange,
  ForgeEnrichmentPort,
} from './change-request.js';

/**
 * Looks each SHA up once: answers are kept in memory and, with a file, across runs (a merged
 * commit's pull requests do not change). Failures are not cached.
 */
export class CachedEnrichment implements ForgeEnrichmentPort {
  private entries: Map<string, ForgeChangeRequest[]> | null = null;
  // By number for this run only: an open request's reviewers change between runs.
  private readonly byNumber = new Map<number, Promise<ForgeChangeRequest>>();

  constructor(
    private readonly inner: ForgeEnrichmentPort,
    /** A JSON file, e.g. `.git/slipway/forge-cache.json`; null: memory only. */
    private readonly file: string | null,
  ) {}

  async changeRequestsFor(sha: string): Promise<ForgeChangeRequest[]> {
    const entries = await this.load();
    const cached = entries.get(sha);
    if (cached !== undefined) return cached;
    const found = await this.inner.changeRequestsFor(sha);
    entries.set(sha, found);
    await this.save(entries);
    return found;
  }

  changeRequest(number: number): Promise<ForgeChangeRequest> {
    let found = this.byNumber.get(number);
    if (found === undefined) {
      found = this.inner.changeRequest(number);
      this.byNumber.set(number, found);
      found.catch(() => this.byNumber.delete(number));
    }
    return found;
  }

  changeRequestRange(number: number): Promise<ForgeChangeRequestRange> {
    return this.inner.changeRequestRange(number);
  }

  private async load(): Promise<Map<string, ForgeChangeRequest[]>> {
    if (this.entries !== null) return this.entries;
    let stored: Record<string, ForgeChangeRequest[]> = {};
    if (this.file !== null) {
      try {
        stored = JSON.parse(await readFile(this.file, 'utf8')) as Record<
          string,
          ForgeChangeRequest[]
        >;
      } catch {
        // Missing or unreadable: a cache is only ever a shortcut.
      }
    }
    this.entries = new Map(Object.entries(stored));
    return this.entries;
  }

  private async save(entries: Map<string, ForgeChangeRequest[]>): Promise<void> {
    if (this.file === null) return;
    await mkdir(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(Object.fromEntries(entries)));
    await rename(temporary, this.file);
  }
}
