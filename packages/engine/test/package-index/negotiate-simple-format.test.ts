import { describe, expect, it } from 'vitest';
import { negotiateSimpleFormat } from '../../src/index.js';

describe('PEP 691 content negotiation', () => {
  it.each([
    [undefined, 'legacyHtml'],
    ['', 'legacyHtml'],
    ['*/*', 'legacyHtml'],
    ['text/html', 'legacyHtml'],
    ['application/vnd.pypi.simple.v1+json', 'json'],
    ['application/vnd.pypi.simple.latest+json', 'json'],
    ['application/vnd.pypi.simple.v1+html', 'html'],
    // pip's own header
    [
      'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01',
      'json',
    ],
    ['application/vnd.pypi.simple.v1+json;q=0.2, text/html', 'legacyHtml'],
    [
      'application/vnd.pypi.simple.v1+html;q=0.5, application/vnd.pypi.simple.v1+json;q=0.4',
      'html',
    ],
    ['application/vnd.pypi.simple.v1+json;q=0, */*;q=0.1', 'legacyHtml'],
    ['text/*', 'legacyHtml'],
  ] as const)('Accept %j gives %s', (accept, format) => {
    expect(negotiateSimpleFormat(accept)).toBe(format);
  });

  it('finds nothing acceptable for other types (a 406)', () => {
    expect(negotiateSimpleFormat('application/json')).toBeUndefined();
    expect(negotiateSimpleFormat('application/vnd.pypi.simple.v2+json')).toBeUndefined();
    expect(negotiateSimpleFormat('text/html;q=0')).toBeUndefined();
  });
});
