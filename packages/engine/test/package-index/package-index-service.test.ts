import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir, testDialects } from '@slipway/test-utils';
import {
  FileBlobStore,
  FileExistsError,
  createEmbeddedControlPlane,
  createPackageIndexService,
} from '../../src/index.js';
import type { EmbeddedControlPlane, PackageIndexService, PackageUpload } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';
import { sdistBytes, wheelBytes } from '../python/python-archives.js';

const uploader = { actor: 'token:ci', mayCreateService: true };

function uploadOf(
  filename: string,
  content: Buffer,
  fields: Readonly<Record<string, string>> = {},
): PackageUpload {
  const kind = filename.endsWith('.whl') ? 'bdist_wheel' : 'sdist';
  const base: Record<string, string> = {
    ':action': 'file_upload',
    protocol_version: '1',
    filetype: kind,
    sha256_digest: createHash('sha256').update(content).digest('hex'),
    ...fields,
  };
  return { filename, content, fields: Object.entries(base) };
}

afterEach(() => cleanupTempDirs());

describe.each(testDialects())('the package index on %s', (dialect) => {
  let index: PackageIndexService;
  let controlPlane: EmbeddedControlPlane;
  let blobDir: string;

  beforeEach(async () => {
    const database = await openMigratedTestDatabase(dialect);
    blobDir = makeTempDir('slipway-index-blobs-').path;
    let tick = Date.parse('2026-05-01T00:00:00.000Z');
    controlPlane = createEmbeddedControlPlane({ db: database.db, blobDir });
    index = createPackageIndexService(database.db, {
      blobs: new FileBlobStore(blobDir),
      controlPlane,
      maxFileBytes: 64 * 1024,
      now: () => new Date((tick += 1_000)),
    });
  });

  it('stores a wheel and an sdist as artifacts of a new service with the default lifecycle', async () => {
    const wheel = await index.upload(
      uploadOf('Sample_Pkg-1.0.0-py3-none-any.whl', wheelBytes('Sample.Pkg', '1.0.0')),
      uploader,
    );
    await index.upload(
      uploadOf('sample_pkg-1.0.0.tar.gz', sdistBytes('sample-pkg', '1.0.0')),
      uploader,
    );
    expect(wheel).toMatchObject({
      project: 'sample-pkg',
      version: '1.0.0',
      kind: 'wheel',
      requiresPython: '>=3.8',
    });
    expect(wheel.metadataDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await controlPlane.getService('sample-pkg')).lifecycle).toEqual([
      'dev',
      'staging',
      'prod',
    ]);
    const artifacts = await controlPlane.listArtifacts({ service: 'sample-pkg' });
    expect(artifacts.map((artifact) => [artifact.name, artifact.stored])).toEqual([
      ['Sample_Pkg-1.0.0-py3-none-any.whl', true],
      ['sample_pkg-1.0.0.tar.gz', true],
    ]);
    const listing = await index.project('sample-pkg');
    expect(listing.files.map((file) => [file.filename, file.size])).toEqual([
      ['Sample_Pkg-1.0.0-py3-none-any.whl', wheel.size],
      ['sample_pkg-1.0.0.tar.gz', listing.files[1]?.size],
    ]);
    expect(typeof listing.files[1]?.size).toBe('number');
    expect(await index.projects()).toEqual(['sample-pkg']);
  });

  it('takes a file name once', async () => {
    const upload = uploadOf('sample-1.0.0-py3-none-any.whl', wheelBytes('sample', '1.0.0'));
    await index.upload(upload, uploader);
    await expect(index.upload(upload, uploader)).rejects.toBeInstanceOf(FileExistsError);
    expect((await index.project('sample')).files).toHaveLength(1);
  });

  it('lists in an environment channel only versions deployed there', async () => {
    for (const version of ['1.0.0', '1.1.0']) {
      const file = await index.upload(
        uploadOf(`sample-${version}-py3-none-any.whl`, wheelBytes('sample', version)),
        uploader,
      );
      await controlPlane.createRelease(
        { service: 'sample', version, artifacts: [file.digest] },
        uploader,
      );
    }
    await controlPlane.deploy({ service: 'sample', environment: 'dev', ref: '1.1.0' }, uploader);
    expect((await index.project('sample', 'dev')).versions).toEqual(['1.1.0']);
    await expect(index.project('sample', 'staging')).rejects.toThrow(/no project sample/);
    expect(await index.projects('staging')).toEqual([]);
    expect(await index.projects('dev')).toEqual(['sample']);
  });

  it('yanks and unyanks a version or one file, in the ledger', async () => {
    for (const name of ['sample-1.0.0-py3-none-any.whl', 'sample-1.1.0-py3-none-any.whl']) {
      const version = name.split('-')[1] ?? '';
      await index.upload(uploadOf(name, wheelBytes('sample', version)), uploader);
    }
    await index.upload(uploadOf('sample-1.0.0.tar.gz', sdistBytes('sample', '1.0.0')), uploader);
    const yanks = controlPlane.packageIndex;
    const yanked = await yanks.yank(
      { project: 'Sample', target: '1.0.0', reason: ' broken build ' },
      { actor: 'rita' },
    );
    expect(yanked.map((file) => [file.filename, file.yanked])).toEqual([
      ['sample-1.0.0-py3-none-any.whl', 'broken build'],
      ['sample-1.0.0.tar.gz', 'broken build'],
    ]);
    const yankedOf = async () =>
      (await index.project('sample')).files.map((file) => [file.filename, file.yanked]);
    expect(await yankedOf()).toEqual([
      ['sample-1.0.0-py3-none-any.whl', 'broken build'],
      ['sample-1.1.0-py3-none-any.whl', false],
      ['sample-1.0.0.tar.gz', 'broken build'],
    ]);
    await yanks.unyank({ project: 'sample', target: 'sample-1.0.0.tar.gz' }, { actor: 'rita' });
    await yanks.yank({ project: 'sample', target: '1.1.0' }, { actor: 'rita' });
    expect(await yankedOf()).toEqual([
      ['sample-1.0.0-py3-none-any.whl', 'broken build'],
      ['sample-1.1.0-py3-none-any.whl', ''],
      ['sample-1.0.0.tar.gz', false],
    ]);
    const events = await controlPlane.listEvents({ subject: 'package:sample' });
    expect(events.events.map((event) => [event.type, event.actor, event.payload])).toEqual([
      [
        'package.yanked',
        'rita',
        {
          project: 'sample',
          target: '1.0.0',
          versions: ['1.0.0'],
          files: [
            { filename: 'sample-1.0.0-py3-none-any.whl', digest: expect.any(String) },
            { filename: 'sample-1.0.0.tar.gz', digest: expect.any(String) },
          ],
          reason: 'broken build',
        },
      ],
      [
        'package.unyanked',
        'rita',
        expect.objectContaining({ target: 'sample-1.0.0.tar.gz', versions: ['1.0.0'] }),
      ],
      ['package.yanked', 'rita', expect.objectContaining({ versions: ['1.1.0'], reason: '' })],
    ]);
    await expect(
      yanks.yank({ project: 'sample', target: '2.0.0' }, { actor: 'rita' }),
    ).rejects.toThrow('project sample has no version or file 2.0.0 in this index');
    await expect(
      yanks.yank({ project: 'sample', target: '1.1.0', reason: 'two\nlines' }, { actor: 'rita' }),
    ).rejects.toThrow('reason must be one line of at most 500 characters');
    expect((await controlPlane.listEvents({ subject: 'package:sample' })).events).toHaveLength(3);
  });

  it('refuses bad uploads and stores nothing', async () => {
    const wheel = wheelBytes('sample', '1.0.0');
    const name = 'sample-1.0.0-py3-none-any.whl';
    const refusals: [PackageUpload, RegExp][] = [
      [uploadOf(name, wheel, { sha256_digest: '0'.repeat(64) }), /sha256_digest does not match/],
      [uploadOf(name, wheel, { md5_digest: '0'.repeat(32) }), /md5_digest does not match/],
      [{ ...uploadOf(name, wheel), fields: [[':action', 'file_upload']] }, /send sha256_digest/],
      [uploadOf('other-1.0.0-py3-none-any.whl', wheel), /does not match its metadata's Name/],
      [uploadOf(name, wheel, { name: 'other' }), /does not match its metadata's Name/],
      [uploadOf('sample-2.0.0-py3-none-any.whl', wheel), /does not match its metadata's Version/],
      [uploadOf('../sample-1.0.0-py3-none-any.whl', wheel), /invalid distribution file name/],
      [uploadOf('sample 1.0.0-py3-none-any.whl', wheel), /invalid distribution file name/],
      [uploadOf(name, Buffer.from('not a zip')), /not a valid zip archive/],
      [uploadOf(name, wheel, { filetype: 'sdist' }), /filetype sdist does not fit/],
      [uploadOf(name, wheel, { ':action': 'remove_pkg' }), /:action must be file_upload/],
      [uploadOf(name, Buffer.alloc(64 * 1024 + 1)), /larger than the limit/],
    ];
    for (const [upload, message] of refusals) {
      await expect(index.upload(upload, uploader), message.source).rejects.toThrow(message);
    }
    await expect(
      index.upload(uploadOf(name, wheel), { actor: 'token:dev', mayCreateService: false }),
    ).rejects.toThrow(/may not add one/);
    expect(await index.projects()).toEqual([]);
    expect(await controlPlane.listArtifacts()).toEqual([]);
    await expect(controlPlane.getService('sample')).rejects.toThrow(/no service/);
    expect(readdirSync(blobDir)).toEqual([]);
  });
});
