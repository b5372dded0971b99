import * as z from 'zod';
import { slipwayConfigFileSchema } from './config-schema.js';

/** The keys the schema allows in the table at `path`, for did-you-mean suggestions. */
export function knownConfigKeys(path: readonly PropertyKey[]): readonly string[] {
  let schema: z.ZodType = slipwayConfigFileSchema;
  for (const segment of path) {
    const next = childSchema(unwrap(schema), segment);
    if (next === null) return [];
    schema = next;
  }
  const table = unwrap(schema);
  return table instanceof z.ZodObject ? Object.keys(table.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional ? unwrap(schema.unwrap() as z.ZodType) : schema;
}

function childSchema(schema: z.ZodType, segment: PropertyKey): z.ZodType | null {
  if (schema instanceof z.ZodObject && typeof segment === 'string') {
    return (schema.shape as Record<string, z.ZodType>)[segment] ?? null;
  }
  if (schema instanceof z.ZodArray && typeof segment === 'number')
    return schema.element as z.ZodType;
  if (schema instanceof z.ZodRecord) return schema.valueType as z.ZodType;
  return null;
}
