import { SlipwayError } from '../../errors/slipway-error.js';

/**
 * `{{args.name}}`, with any whitespace inside the braces (`{{ args.name }}`). Names are
 * letters, digits, `_` and `-` (Argo templates use `service-name`).
 */
const placeholder = /\{\{\s*args\.([A-Za-z0-9_-]+)\s*\}\}/g;

/** The argument names a text refers to, each once, in order of first use. */
export function argReferences(text: string): string[] {
  return [...new Set([...text.matchAll(placeholder)].map((match) => match[1] as string))];
}

/**
 * Fills `{{args.name}}` placeholders (a PromQL query, a URL, a header) from `args`. Values are
 * inserted as they are, not escaped: the template decides where they go. A placeholder whose
 * argument is missing is an error naming the argument and `where` (e.g. `metric "error-rate"
 * query`); nothing is left half-rendered.
 */
export function renderArgs(
  text: string,
  args: Readonly<Record<string, string>>,
  where: string,
): string {
  const missing = argReferences(text).filter((name) => !Object.hasOwn(args, name));
  if (missing.length > 0) {
    const names = missing.map((name) => `{{args.${name}}}`).join(', ');
    throw new SlipwayError('CONFIG_INVALID', `${where}: no value for ${names}`, {
      subject: where,
      hint: 'Give the argument a value in the template, the rollout spec or the analysis step.',
    });
  }
  return text.replace(placeholder, (_match, name: string) => args[name] as string);
}
