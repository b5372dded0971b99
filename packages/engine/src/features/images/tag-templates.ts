import { SlipwayError } from '@slipway/core';
import { ociTagPattern } from '../../adapters/oci/image-reference.js';

/** What a tag template may say: `{version}`, `{major}`, `{minor}`, `{sha}`, `{sha_short}`, `{env}`. */
export interface TagContext {
  readonly version?: string;
  readonly sha?: string;
  readonly env?: string;
}

const placeholders = ['version', 'major', 'minor', 'sha', 'sha_short', 'env'] as const;
type Placeholder = (typeof placeholders)[number];

/**
 * Renders each template; refuses (USAGE, naming the template) a placeholder with no value, an
 * unknown placeholder, or a result that is not a valid OCI tag (SemVer build metadata `+` is not).
 */
export function renderTags(templates: readonly string[], context: TagContext): string[] {
  const values = placeholderValues(context);
  const tags = templates.map((template) => {
    const tag = template.replace(/\{([a-z_]+)\}/g, (_match, name: string) => {
      if (!(placeholders as readonly string[]).includes(name)) {
        throw new SlipwayError('USAGE', `tag template ${template} uses unknown {${name}}`, {
          subject: template,
          hint: `placeholders: ${placeholders.map((p) => `{${p}}`).join(', ')}`,
        });
      }
      const value = values[name as Placeholder];
      if (value === undefined) {
        throw new SlipwayError(
          'USAGE',
          `tag template ${template} needs {${name}}, which is not known here`,
          {
            subject: template,
          },
        );
      }
      return value;
    });
    if (!ociTagPattern.test(tag)) {
      throw new SlipwayError(
        'USAGE',
        `tag template ${template} renders ${JSON.stringify(tag)}, not a valid OCI tag`,
        {
          subject: template,
          hint: 'tags are [A-Za-z0-9_][A-Za-z0-9._-]{0,127}',
        },
      );
    }
    return tag;
  });
  return [...new Set(tags)];
}

function placeholderValues(context: TagContext): Partial<Record<Placeholder, string>> {
  const values: Partial<Record<Placeholder, string>> = {};
  if (context.version !== undefined) {
    values.version = context.version;
    // SemVer and PEP 440 renderings both start with release numbers.
    const [, major, minor] = /^v?(\d+)\.(\d+)/.exec(context.version) ?? [];
    if (major !== undefined && minor !== undefined) {
      values.major = major;
      values.minor = minor;
    }
  }
  if (context.sha !== undefined) {
    values.sha = context.sha;
    values.sha_short = context.sha.slice(0, 7);
  }
  if (context.env !== undefined) values.env = context.env;
  return values;
}
