import { describe, expect, it } from 'vitest';
import { createFakeRegistryService } from '../../src/index.js';
import { chunked, wheel } from './registry-fixtures.js';

const actor = { actor: 'ci' };

function fakeRegistry(maxUploadBytes?: number) {
  let id = 0;
  const fake = createFakeRegistryService({
    now: () => new Date('2026-06-01T00:00:00.000Z'),
    newId: () => `release-${(id += 1)}`,
    ...(maxUploadBytes === undefined ? {} : { maxUploadBytes }),
  });
  fake.store.services.add('api');
  return fake;
}

describe('registry service on the fake stores', () => {
  it('records one event per change and none for a retry or a refusal', async () => {
    const { service, ledger } = fakeRegistry();
    const { bytes, input } = wheel('1.0.0');
    await service.registerArtifact({ ...input, version: null }, actor);
    await service.registerArtifact(input, actor);
    await service.registerArtifact(input, actor);
    await expect(
      service.registerArtifact({ ...input, name: 'other.whl' }, actor),
    ).rejects.toMatchObject({ code: 'CONFLICT', subject: 'name' });
    await service.uploadArtifact(input.digest, chunked(bytes), actor);
    await service.uploadArtifact(input.digest, chunked(bytes), actor);
    const release = { service: 'api', version: '1.0.0', artifacts: [input.digest] };
    await service.createRelease(release, actor);
    await service.createRelease(release, actor);
    await expect(service.createRelease({ ...release, tag: 'v1.0.0' }, actor)).rejects.toMatchObject(
      { code: 'CONFLICT' },
    );
    expect(ledger.events.map((event) => [event.type, event.subject])).toEqual([
      ['artifact.registered', `artifact:${input.digest}`],
      ['artifact.updated', `artifact:${input.digest}`],
      ['artifact.uploaded', `artifact:${input.digest}`],
      ['release.created', 'release:api@1.0.0'],
    ]);
    expect(await service.getReleaseById('release-1')).toMatchObject({ version: '1.0.0' });
    await expect(service.getReleaseById('release-2')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses an artifact registered as larger than the upload limit without reading it', async () => {
    const { service, blobs } = fakeRegistry(100);
    const { bytes, input } = wheel('1.0.0');
    await service.registerArtifact(input, actor);
    const body = chunked(bytes);
    await expect(service.uploadArtifact(input.digest, body, actor)).rejects.toMatchObject({
      code: 'TOO_LARGE',
      subject: input.digest,
    });
    expect(body.readableDidRead).toBe(false);
    expect(await blobs.has(input.digest)).toBe(false);
    expect((await service.getArtifact(input.digest)).stored).toBe(false);
  });

  it('leaves the store as it was when a release is refused midway', async () => {
    const { service, store } = fakeRegistry();
    await expect(
      service.createRelease(
        { service: 'api', version: '1.0.0', artifacts: [wheel('1.0.0').input.digest] },
        actor,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await store.listReleases('api')).toEqual([]);
    expect(service.artifactPath(wheel('1.0.0').input.digest)).toBeNull();
  });

  it('answers a digest ref with the newest release that lists it', async () => {
    const { service } = fakeRegistry();
    const { input } = wheel('1.0.0');
    await service.registerArtifact(input, actor);
    for (const version of ['1.0.0', '1.0.1']) {
      await service.createRelease({ service: 'api', version, artifacts: [input.digest] }, actor);
    }
    // Same clock for both: the tie is broken by id, newest id first.
    expect((await service.releaseForRef('api', input.digest)).version).toBe('1.0.1');
    expect((await service.listReleases('api')).map((r) => r.version)).toEqual(['1.0.1', '1.0.0']);
  });
});
