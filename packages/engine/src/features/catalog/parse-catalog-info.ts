import { parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import {
  backstageComponentSchema,
  backstageEntitySchema,
  lifecycleAnnotation,
  riskTierAnnotation,
} from './backstage-entity-schema.js';
import type { BackstageComponent } from './backstage-entity-schema.js';
import { lifecycleSchema } from './service-fields-schema.js';
import { riskTiers } from './service-record.js';
import type { RiskTier, ServiceKind } from './service-record.js';

/** Where in the input a finding is: the file and the 1-based YAML document in it. */
export interface CatalogLocation {
  readonly file: string;
  readonly document: number;
}

export interface CatalogImportError extends CatalogLocation {
  /** Dotted path of the offending field (`spec.owner`), or '' for the document as a whole. */
  readonly field: string;
  readonly message: string;
}

export interface CatalogSkip extends CatalogLocation {
  readonly kind: string;
  readonly name: string;
  readonly reason: string;
}

/** A Component mapped to catalog fields; absent optional fields keep a service's stored value. */
export interface CatalogEntry extends CatalogLocation {
  readonly entityRef: string;
  readonly name: string;
  readonly owner: string;
  readonly kind: ServiceKind;
  readonly stage: string;
  readonly repository?: string;
  readonly riskTier?: RiskTier;
  readonly lifecycle?: readonly string[];
}

export interface ParsedCatalogFile {
  readonly entries: CatalogEntry[];
  readonly skipped: CatalogSkip[];
  readonly errors: CatalogImportError[];
}

/** Backstage component types that are deployed; `library` is published, the rest are skipped. */
const kindOfType: Readonly<Record<string, ServiceKind>> = {
  service: 'service',
  website: 'service',
  library: 'library',
};

/** Reads every YAML document of one catalog-info.yaml; never throws on bad input. */
export function parseCatalogInfo(text: string, file: string): ParsedCatalogFile {
  const result: ParsedCatalogFile = { entries: [], skipped: [], errors: [] };
  parseAllDocuments(text).forEach((doc, index) => {
    const at = { file, document: index + 1 };
    const yamlError = doc.errors[0];
    if (yamlError !== undefined) {
      result.errors.push({ ...at, field: '', message: `invalid YAML: ${yamlError.message}` });
      return;
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return; // an empty document (a trailing ---)
    const entity = backstageEntitySchema.safeParse(value);
    if (!entity.success) {
      result.errors.push({ ...at, ...firstIssue(entity.error) });
      return;
    }
    const { kind, metadata } = entity.data;
    if (kind !== 'Component') {
      result.skipped.push({ ...at, kind, name: metadata.name, reason: `kind ${kind}` });
      return;
    }
    const component = backstageComponentSchema.safeParse(value);
    if (!component.success) {
      result.errors.push({ ...at, ...firstIssue(component.error) });
      return;
    }
    const type = component.data.spec.type;
    const serviceKind = kindOfType[type];
    if (serviceKind === undefined) {
      result.skipped.push({ ...at, kind, name: metadata.name, reason: `spec.type ${type}` });
      return;
    }
    const entry = toEntry(component.data, serviceKind, at);
    if ('field' in entry) result.errors.push(entry);
    else result.entries.push(entry);
  });
  return result;
}

function toEntry(
  component: BackstageComponent,
  kind: ServiceKind,
  at: CatalogLocation,
): CatalogEntry | CatalogImportError {
  const { name, namespace = 'default', annotations = {} } = component.metadata;
  const field = (key: string): string => `metadata.annotations.${key}`;
  const tier = annotations[riskTierAnnotation];
  if (tier !== undefined && !(riskTiers as readonly string[]).includes(tier)) {
    return {
      ...at,
      field: field(riskTierAnnotation),
      message: `must be one of ${riskTiers.join(', ')}, got ${tier}`,
    };
  }
  const lifecycleText = annotations[lifecycleAnnotation];
  const lifecycle =
    lifecycleText === undefined
      ? undefined
      : lifecycleSchema.safeParse(lifecycleText.split(/\s*(?:,|→|->)\s*/).filter(Boolean));
  if (lifecycle !== undefined && !lifecycle.success) {
    return {
      ...at,
      field: field(lifecycleAnnotation),
      message: firstIssue(lifecycle.error).message,
    };
  }
  const repository = repositoryOf(annotations);
  return {
    ...at,
    // Backstage compares references case-insensitively; one spelling keeps the key unique.
    entityRef: `component:${namespace}/${name}`.toLowerCase(),
    name,
    owner: component.spec.owner,
    kind,
    stage: component.spec.lifecycle,
    ...(repository === undefined ? {} : { repository }),
    ...(tier === undefined ? {} : { riskTier: tier as RiskTier }),
    ...(lifecycle === undefined ? {} : { lifecycle: lifecycle.data }),
  };
}

/** The forge slug annotations first; a `url:` source location otherwise. */
function repositoryOf(annotations: Readonly<Record<string, string>>): string | undefined {
  const github = annotations['github.com/project-slug'];
  if (github !== undefined) return `https://github.com/${github}`;
  const gitlab = annotations['gitlab.com/project-slug'];
  if (gitlab !== undefined) return `https://gitlab.com/${gitlab}`;
  const source = annotations['backstage.io/source-location'];
  if (source?.startsWith('url:') === true) return source.slice('url:'.length).replace(/\/$/, '');
  return undefined;
}

function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  return {
    field: issue?.path.map(String).join('.') ?? '',
    message: issue?.message ?? 'invalid',
  };
}
