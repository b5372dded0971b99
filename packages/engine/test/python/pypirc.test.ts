import { describe, expect, it } from 'vitest';
import { alreadyExists, pypircRepository } from '../../src/index.js';

const pypirc = `[distutils]
index-servers =
    pypi
    internal

[internal]
repository = http://127.0.0.1:8080/legacy/
username = __token__
password: slw_secret

[pypi]
username = __token__
`;

describe('~/.pypirc', () => {
  it('reads a named repository, with pypi’s default URL', () => {
    expect(pypircRepository(pypirc, 'internal')).toEqual({
      repository: 'http://127.0.0.1:8080/legacy/',
      username: '__token__',
      password: 'slw_secret',
    });
    expect(pypircRepository(pypirc, 'pypi')).toEqual({
      repository: 'https://upload.pypi.org/legacy/',
      username: '__token__',
      password: undefined,
    });
    expect(() => pypircRepository(pypirc, 'missing')).toThrow(/no repository missing/);
  });
});

describe('--skip-existing', () => {
  it('recognizes the answers twine recognizes', () => {
    expect(alreadyExists(409, 'Conflict', '')).toBe(true);
    expect(alreadyExists(400, 'File already exists: x.whl', '')).toBe(true);
    expect(alreadyExists(400, 'Bad Request', 'File already exists')).toBe(true);
    expect(alreadyExists(400, 'Bad Request', 'wrong digest')).toBe(false);
    expect(alreadyExists(403, 'Forbidden', 'no')).toBe(false);
  });
});
