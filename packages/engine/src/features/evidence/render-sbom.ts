import { createHash } from 'node:crypto';
import type { Sbom } from '@slipway/core';
import { renderCycloneDx, renderSpdx } from '@slipway/core';

export const sbomFormats = ['cyclonedx', 'spdx'] as const;
export type SbomFormat = (typeof sbomFormats)[number];

export function sha256Text(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The SBOM's bytes in the chosen format; the same SBOM always gives the same text. */
export function renderSbom(sbom: Sbom, format: SbomFormat): string {
  return format === 'spdx' ? renderSpdx(sbom, sha256Text) : renderCycloneDx(sbom, sha256Text);
}
