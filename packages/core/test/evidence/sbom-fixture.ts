import { createHash } from 'node:crypto';
import type { Sbom } from '@slipway/core';
import { pypiPurl, subjectRef } from '@slipway/core';

export const sha256Text = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

/** A small Python project: two pinned packages with hashes, one dev tool, a graph. */
export function sampleSbom(): Sbom {
  return {
    subject: {
      name: 'demo-app',
      version: '1.2.0',
      ecosystem: 'pypi',
      artifact: { fileName: 'demo_app-1.2.0-py3-none-any.whl', sha256: 'a'.repeat(64) },
    },
    components: [
      {
        ecosystem: 'pypi',
        name: 'Requests',
        version: '2.31.0',
        hashes: [{ algorithm: 'sha256', hex: 'b'.repeat(64) }],
        scope: 'required',
        source: 'uv.lock',
      },
      {
        ecosystem: 'pypi',
        name: 'charset_normalizer',
        version: '3.3.2+local',
        hashes: [],
        scope: 'required',
        source: 'uv.lock',
      },
      {
        ecosystem: 'pypi',
        name: 'pytest',
        version: '8.0.0',
        hashes: [{ algorithm: 'sha256', hex: 'c'.repeat(64) }],
        scope: 'optional',
        source: 'uv.lock',
      },
    ],
    dependencies: [
      { ref: subjectRef, dependsOn: [pypiPurl('requests', '2.31.0'), pypiPurl('pytest', '8.0.0')] },
      {
        ref: pypiPurl('requests', '2.31.0'),
        dependsOn: [pypiPurl('charset-normalizer', '3.3.2+local')],
      },
    ],
    timestamp: '2024-01-02T03:04:05Z',
    tool: { name: 'slipway', version: '0.0.0' },
  };
}
