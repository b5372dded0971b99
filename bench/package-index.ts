/**
 * `npm run bench` (third part): the Python package index of `slipway serve`.
 * - Upload and download throughput of one large wheel over loopback HTTP, against `sha256sum`
 *   plus `cp` of the same bytes in the same run (the least any index must do with them).
 * - Simple-page latency for a project with 1,000 files: server side (the index call and the
 *   rendering, in process) and over HTTP, JSON and HTML. Target: under 20 ms server side.
 * BENCH_WHEEL_MB sets the wheel size (default 64); BENCH_FILES the file count (default 1000).
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { crc32 } from 'node:zlib';
import {
  FileBlobStore,
  KyselyPackageIndexStore,
  createEmbeddedControlPlane,
  createPackageIndexService,
  migrateToLatest,
  openDatabase,
  projectHtml,
  projectJson,
  uploadDistribution,
} from '@slipway/engine';
import { startServer } from '@slipway/server';

const wheelMb = Number(process.env['BENCH_WHEEL_MB'] ?? 64);
const fileCount = Number(process.env['BENCH_FILES'] ?? 1000);
const token = 'slw_bench-package-index-admin-token';

/** A wheel with one stored (uncompressed) payload entry of `bytes` random bytes and a METADATA. */
function wheel(name: string, version: string, bytes: number): Buffer {
  const entries: [string, Buffer][] = [
    [`${name}/payload.bin`, randomBytes(bytes)],
    [
      `${name}-${version}.dist-info/METADATA`,
      Buffer.from(`Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`),
    ],
  ];
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [entryName, data] of entries) {
    const nameBytes = Buffer.from(entryName);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, data);
    directory.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directoryBytes, end]);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function millis(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function throughput(dir: string): Promise<void> {
  const bytes = wheel('bench_big', '1.0.0', wheelMb * 1024 * 1024);
  const path = join(dir, 'bench_big-1.0.0-py3-none-any.whl');
  writeFileSync(path, bytes);
  const mb = bytes.length / 1024 / 1024;
  const baselineStart = process.hrtime.bigint();
  spawnSync('sha256sum', [path], { stdio: 'ignore' });
  spawnSync('cp', [path, join(dir, 'copy.whl')], { stdio: 'ignore' });
  const baseline = millis(baselineStart);

  const server = await startServer({
    port: 0,
    dataDir: join(dir, 'data'),
    env: { SLIPWAY_ADMIN_TOKEN: token },
    maxUploadBytes: bytes.length + 1024 * 1024,
  });
  try {
    const uploadStart = process.hrtime.bigint();
    await uploadDistribution(path, {
      url: `${server.url}/legacy/`,
      username: '__token__',
      password: token,
    });
    const upload = millis(uploadStart);
    const hex = createHash('sha256').update(bytes).digest('hex');
    const downloadStart = process.hrtime.bigint();
    const response = await fetch(`${server.url}/files/${hex}/bench_big-1.0.0-py3-none-any.whl`);
    const hash = createHash('sha256');
    const body = Readable.fromWeb(response.body as ReadableStream);
    body.on('data', (chunk: Buffer) => hash.update(chunk));
    await pipeline(body, createWriteStream(join(dir, 'downloaded.whl')));
    const download = millis(downloadStart);
    if (hash.digest('hex') !== hex) throw new Error('the download differs from the upload');
    console.log(`\n## Package index throughput (${mb.toFixed(0)} MiB wheel, loopback)\n`);
    console.log('| operation | ms | MiB/s |');
    console.log('|---|---:|---:|');
    console.log(
      `| sha256sum + cp (baseline) | ${baseline.toFixed(0)} | ${(mb / (baseline / 1000)).toFixed(0)} |`,
    );
    console.log(
      `| upload (slipway publish → /legacy/) | ${upload.toFixed(0)} | ${(mb / (upload / 1000)).toFixed(0)} |`,
    );
    console.log(
      `| download (/files/, hashed while read) | ${download.toFixed(0)} | ${(mb / (download / 1000)).toFixed(0)} |`,
    );
  } finally {
    await server.close();
  }
}

async function pageLatency(dir: string): Promise<void> {
  const database = await openDatabase({ url: join(dir, 'pages.db') });
  try {
    await migrateToLatest(database.db);
    const controlPlane = createEmbeddedControlPlane({
      db: database.db,
      blobDir: join(dir, 'page-blobs'),
    });
    const index = createPackageIndexService(database.db, {
      blobs: new FileBlobStore(join(dir, 'page-blobs')),
      controlPlane,
    });
    const store = new KyselyPackageIndexStore(database.db);
    // Rows as uploads leave them; the bytes do not matter to the page.
    for (let file = 0; file < fileCount; file++) {
      const version = `1.${Math.floor(file / 2)}.0`;
      const wheelFile = file % 2 === 0;
      await store.insert({
        filename: wheelFile
          ? `bench_pages-${version}-py3-none-any.whl`
          : `bench_pages-${version}.tar.gz`,
        project: 'bench-pages',
        version,
        kind: wheelFile ? 'wheel' : 'sdist',
        digest: `sha256:${createHash('sha256').update(String(file)).digest('hex')}`,
        size: 10_000 + file,
        requiresPython: '>=3.9',
        metadataDigest: wheelFile
          ? `sha256:${createHash('sha256').update(`m${file}`).digest('hex')}`
          : null,
        yanked: false,
        uploadedAt: new Date(Date.UTC(2026, 0, 1) + file * 1000).toISOString(),
        uploadedBy: 'bench',
      });
    }
    const times = { json: [] as number[], html: [] as number[] };
    for (let run = 0; run < 50; run++) {
      let started = process.hrtime.bigint();
      projectJson(await index.project('bench-pages'));
      times.json.push(millis(started));
      started = process.hrtime.bigint();
      projectHtml(await index.project('bench-pages'));
      times.html.push(millis(started));
    }
    console.log(`\n## Package index simple page, ${fileCount} files (SQLite, median of 50)\n`);
    console.log('| page | server side ms | target |');
    console.log('|---|---:|---:|');
    console.log(`| PEP 691 JSON | ${median(times.json).toFixed(2)} | < 20 |`);
    console.log(`| PEP 503 HTML | ${median(times.html).toFixed(2)} | < 20 |`);
  } finally {
    await database.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-index-'));
try {
  await throughput(dir);
  await pageLatency(dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
