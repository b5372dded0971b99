import { createRequire } from 'node:module';
import { parse } from 'yaml';
import { readShared } from '../flagd/shared-conformance.js';

/** Ajv 8, the one @slipway/core validates flag files with (the root's ajv is eslint's v6). */
const requireFromCore = createRequire(new URL('../../packages/core/package.json', import.meta.url));
/** What this file uses of a compiled Ajv validator. */
export type ValidateFunction = ((data: unknown) => boolean) & { errors?: unknown };
interface AjvInstance {
  addSchema(schema: object): unknown;
  compile(schema: object): ValidateFunction;
}
const { Ajv } = requireFromCore('ajv') as {
  Ajv: new (options: Record<string, unknown>) => AjvInstance;
};

type Json = Record<string, unknown>;

/**
 * Validators for OFREP answers, from `ofrep/openapi.yaml` as published, with two documented
 * departures (docs/adr/0018): the value alternatives of `evaluationSuccess` are read as anyOf
 * (as written, `codeDefaultFlag` matches every object and an integer is also a float, so oneOf
 * rejects every answer), and `DEFAULT` joins the success reasons, as flagd's OFREP sends it.
 */
export function ofrepValidators(): Record<
  'success' | 'failure' | 'notFound' | 'bulk',
  ValidateFunction
> {
  const document = parse(readShared('ofrep', 'openapi.yaml')) as { components: Json };
  const schemas = document.components['schemas'] as Record<string, Json>;
  const success = schemas['evaluationSuccess'] as { allOf: Json[] };
  const [fields, values] = success.allOf as [
    { properties: { reason: { enum: string[] } } },
    { oneOf?: unknown[]; anyOf?: unknown[] },
  ];
  fields.properties.reason.enum.push('DEFAULT');
  values.anyOf = values.oneOf ?? [];
  delete values.oneOf;
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: 'ofrep', components: document.components });
  const compile = (name: string) => ajv.compile({ $ref: `ofrep#/components/schemas/${name}` });
  return {
    success: compile('serverEvaluationSuccess'),
    failure: compile('evaluationFailure'),
    notFound: compile('flagNotFound'),
    bulk: compile('bulkEvaluationSuccess'),
  };
}
