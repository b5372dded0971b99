import { readFileSync } from 'node:fs';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { Ajv } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import { expect } from 'vitest';

/** Shared with the engine's tests: every SBOM Slipway writes in a test goes through these. */
export const spdxSchema: unknown = JSON.parse(
  readFileSync(new URL('./spdx-2.3-document.schema.json', import.meta.url), 'utf8'),
);

export async function expectValidCycloneDx(text: string): Promise<void> {
  const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
  expect(await validator.validate(text)).toBeNull();
}

export function expectValidSpdx(text: string): void {
  const ajv = new Ajv({ allErrors: true, strict: false });
  (ajvFormats.default as unknown as (a: Ajv) => void)(ajv);
  const validate = ajv.compile(spdxSchema as object);
  const valid = validate(JSON.parse(text));
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

/** Validates against one of Slipway's evidence schemas (draft-07, formats on). */
export function expectValidAgainst(schema: object, value: unknown): void {
  const ajv = new Ajv({ allErrors: true, strict: false });
  (ajvFormats.default as unknown as (a: Ajv) => void)(ajv);
  const validate = ajv.compile(schema);
  validate(value);
  expect(validate.errors ?? []).toEqual([]);
}
