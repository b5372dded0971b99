import { execFileSync } from 'node:child_process';
import { deflateRawSync, crc32 } from 'node:zlib';

/** A zip archive (deflated entries), written the way zipfile writes one. */
export function zipArchive(entries: Readonly<Record<string, string | Buffer>>): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const compressed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, compressed);
    directory.push(central, nameBytes);
    offset += local.length + nameBytes.length + compressed.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directoryBytes, end]);
}

export function coreMetadata(name: string, version: string, extra = ''): string {
  return `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\nSummary: A sample\nRequires-Python: >=3.8\nClassifier: Programming Language :: Python :: 3\nClassifier: License :: OSI Approved :: MIT License\nRequires-Dist: requests>=2\n${extra}\nThe long description.\n`;
}

/** A wheel with a METADATA of the given name and version (the file name is the caller's). */
export function wheelBytes(name: string, version: string): Buffer {
  const dir = `${name.replace(/-/g, '_')}-${version}.dist-info`;
  return zipArchive({
    [`${name.replace(/-/g, '_')}/__init__.py`]: `__version__ = "${version}"\n`,
    [`${dir}/METADATA`]: coreMetadata(name, version),
    [`${dir}/WHEEL`]: 'Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
    [`${dir}/RECORD`]: '',
  });
}

/** An sdist made by Python's own tarfile (pax format, long names included). */
export function sdistBytes(name: string, version: string): Buffer {
  const script = `
import io, sys, tarfile
out = io.BytesIO()
root = sys.argv[1]
with tarfile.open(fileobj=out, mode="w:gz", format=tarfile.PAX_FORMAT) as tar:
    def add(path, text):
        data = text.encode()
        info = tarfile.TarInfo(root + "/" + path)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    add("src/" + "deep/" * 30 + "x.py", "x = 1\\n")
    add("PKG-INFO", sys.argv[2])
sys.stdout.buffer.write(out.getvalue())
`;
  return execFileSync(
    '/usr/bin/python3',
    ['-c', script, `${name.replace(/-/g, '_')}-${version}`, coreMetadata(name, version)],
    { maxBuffer: 16 * 1024 * 1024 },
  );
}
