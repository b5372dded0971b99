import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

const schema = JSON.parse(
  readFileSync(new URL('./fixtures/argo-rollouts-crd-subset.schema.json', import.meta.url), 'utf8'),
) as { $id: string };

// Strict, so a typo in the fixture is an error; the CRD's one format is checked loosely.
const ajv = new Ajv({
  allErrors: true,
  strict: true,
  // `oneOf: [{ required: [x] }, …]` (one strategy) names properties declared beside it.
  strictRequired: false,
  formats: { 'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/ },
});
ajv.addSchema(schema);
const byKind = {
  Rollout: ajv.compile({ $ref: `${schema.$id}#/definitions/rollout` }),
  AnalysisTemplate: ajv.compile({ $ref: `${schema.$id}#/definitions/analysisTemplate` }),
};
const any = ajv.compile({ $ref: schema.$id });

/**
 * What the CRD schema (as the fixture restates it) finds wrong with a resource, one line per
 * problem; empty when it is valid. Checked against the schema of its own kind, so a problem is
 * reported where it is rather than as "matches no branch".
 */
export function crdProblems(object: unknown): string[] {
  const kind = (object as { kind?: unknown }).kind;
  const check = kind === 'Rollout' || kind === 'AnalysisTemplate' ? byKind[kind] : any;
  if (check(object)) return [];
  return (check.errors ?? []).map(
    (error) =>
      `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
  );
}
