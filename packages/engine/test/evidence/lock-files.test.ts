import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { npmPurl, pypiPurl } from '@slipway/core';
import {
  readPackageLock,
  readPdmLock,
  readPoetryLock,
  readPyprojectDependencies,
  readRequirementsTxt,
  readUvLock,
} from '@slipway/engine';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const requests = pypiPurl('requests', '2.31.0');
const certifi = pypiPurl('certifi', '2024.2.2');
const pytest = pypiPurl('pytest', '8.0.0');
const iniconfig = pypiPurl('iniconfig', '2.0.0');

describe('uv.lock', () => {
  const lock = readUvLock(fixture('uv.lock'));

  it('takes the editable package as the project and its dependencies as direct', () => {
    expect(lock.root).toEqual({ name: 'demo-app', version: '1.2.0', ecosystem: 'pypi' });
    expect(lock.direct).toEqual([requests]);
  });

  it('collects sdist and wheel hashes and resolves edges across name spellings', () => {
    const certifiComponent = lock.components.find((c) => c.name === 'certifi');
    expect(certifiComponent?.hashes.map((h) => h.hex)).toEqual([
      '0569859f95fc761b18b45ef421b1290a0f65f147e92a1e5eb3e635f9a5e4e66f',
      'dc383c07b76109f368f6106eee2b593b04a011ea4d55f652c6ca24a754d1cdd1',
    ]);
    expect(lock.dependencies).toContainEqual({
      ref: requests,
      dependsOn: [certifi, pypiPurl('charset-normalizer', '3.3.2')],
    });
  });

  it('marks what only dev dependencies reach as optional', () => {
    const scopes = Object.fromEntries(lock.components.map((c) => [c.name, c.scope]));
    expect(scopes).toEqual({
      certifi: 'required',
      'charset-normalizer': 'required',
      iniconfig: 'optional',
      pytest: 'optional',
      requests: 'required',
    });
  });
});

describe('poetry.lock', () => {
  it('reads groups (Poetry 2) and category (Poetry 1), files hashes and the dependency table', () => {
    const lock = readPoetryLock(fixture('poetry.lock'), ['requests']);
    const scopes = Object.fromEntries(lock.components.map((c) => [c.name, c.scope]));
    expect(scopes).toEqual({
      certifi: 'required',
      iniconfig: 'optional',
      pytest: 'optional',
      requests: 'required',
    });
    expect(lock.dependencies).toContainEqual({ ref: pytest, dependsOn: [iniconfig] });
    expect(lock.direct).toEqual([requests]);
    expect(lock.components.find((c) => c.name === 'certifi')?.hashes).toHaveLength(2);
  });
});

describe('pdm.lock', () => {
  it('reads PEP 508 dependency strings, dropping packages the lock does not hold', () => {
    const lock = readPdmLock(fixture('pdm.lock'), ['requests']);
    expect(lock.dependencies).toContainEqual({ ref: pytest, dependsOn: [iniconfig] });
    expect(lock.dependencies).toContainEqual({ ref: requests, dependsOn: [certifi] });
    expect(lock.components.find((c) => c.name === 'pytest')?.scope).toBe('optional');
  });
});

describe('requirements.txt', () => {
  it('joins continuations, collects --hash options, keeps pins and lists unpinned names bare', () => {
    const lock = readRequirementsTxt(fixture('requirements.txt'), 'requirements.txt');
    expect(lock.components.map((c) => [c.name, c.version, c.hashes.length])).toEqual([
      ['certifi', '2024.2.2', 2],
      ['Requests', '2.31.0', 1],
      ['urllib3', undefined, 0],
    ]);
    expect(lock.direct).toContain(requests);
  });

  it('treats a development requirements file as optional', () => {
    const lock = readRequirementsTxt(fixture('requirements-dev.txt'), 'requirements-dev.txt');
    expect(lock.components).toEqual([
      expect.objectContaining({ name: 'pytest', version: '8.0.0', scope: 'optional' }),
    ]);
  });
});

describe('pyproject.toml', () => {
  it('gives the name, version, runtime names and components with exact pins only', () => {
    const project = readPyprojectDependencies(fixture('pyproject.toml'));
    expect(project.name).toBe('Demo_App');
    expect(project.runtime).toEqual(['requests', 'certifi']);
    expect(project.contents.components.map((c) => [c.name, c.version, c.scope])).toEqual([
      ['requests', undefined, 'required'],
      ['certifi', '2024.2.2', 'required'],
      ['PySocks', undefined, 'optional'],
      ['pytest', undefined, 'optional'],
    ]);
  });
});

describe('package-lock.json', () => {
  const lock = readPackageLock(fixture('package-lock.json'));

  it('lists installed packages, not workspace links, with SRI hashes as hex', () => {
    expect(
      lock.components.map((c) => [c.name, c.version, c.scope, c.hashes[0]?.algorithm]),
    ).toEqual([
      ['@scope/lib', '1.0.0', 'required', 'sha512'],
      ['left-pad', '1.0.0', 'required', 'sha1'],
      ['left-pad', '1.3.0', 'required', 'sha512'],
      ['vitest', '1.0.0', 'optional', 'sha512'],
    ]);
    expect(lock.components[1]?.hashes[0]?.hex).toBe('79630082dff5cceccbb1854ae85a0723d1f71b91');
  });

  it('resolves each edge to the nearest node_modules, as Node does', () => {
    expect(lock.dependencies).toContainEqual({
      ref: npmPurl('@scope/lib', '1.0.0'),
      dependsOn: [npmPurl('left-pad', '1.0.0')],
    });
    expect(lock.direct).toEqual([
      npmPurl('@scope/lib', '1.0.0'),
      npmPurl('left-pad', '1.3.0'),
      npmPurl('vitest', '1.0.0'),
    ]);
    expect(lock.root).toEqual({ name: 'web-app', version: '3.0.0', ecosystem: 'npm' });
  });

  it('refuses a lockfileVersion 1 file by name', () => {
    expect(() => readPackageLock('{"lockfileVersion":1,"dependencies":{}}')).toThrow(
      /lockfileVersion 1/,
    );
  });
});
