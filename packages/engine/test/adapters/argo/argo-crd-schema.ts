import { readFileSync } from 'node:fs';
import Ajv from 'ajv';

const schema = JSON.parse(
  readFileSync(new URL('./fixtures/argo-rollouts-crd-subset.schema.json', import.meta.url), 'utf8'),
) as object;

const ajv = new Ajv({ allErrors: true });
const validate = ajv.compile(schema);
const byKind = {
  Rollout: ajv.compile({ $ref: `${(schema as { $id: string }).$id}#/definitions/rollout` }),
  AnalysisTemplate: ajv.compile({
    $ref: `${(schema as { $id: string }).$id}#/definitions/analysisTemplate`,
  }),
};

/**
 * What the CRD schema (as the fixture restates it) finds wrong with a resource, one line per
 * problem; empty when it is valid. Checked against the schema of its own kind, so a problem is
 * reported where it is rather than as "matches no branch".
 */
export function crdProblems(object: unknown): string[] {
  const kind = (object as { kind?: unknown }).kind;
  const check = kind === 'Rollout' || kind === 'AnalysisTemplate' ? byKind[kind] : validate;
  if (check(object) === true) return [];
  return (check.errors ?? []).map(
    (error) => `${error.dataPath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
  );
}
