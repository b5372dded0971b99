import { join } from 'node:path';
import type { PackagePlan, ReleaseNotes, SchemeName } from '@slipway/core';
import {
  SlipwayError,
  convertVersion,
  renderReleaseNotesBody,
  updateChangelog,
} from '@slipway/core';
import type { GitPort } from '../../adapters/git/git-port.js';
import type { VersionRenderings } from '../../adapters/updaters/index.js';
import {
  applyVersionUpdates,
  detectVersionFiles,
  updateNpmDependencies,
  updatePythonRequirements,
} from '../../adapters/updaters/index.js';
import type { FileChange } from './file-transaction.js';
import { readOptional } from './file-transaction.js';
import { notesForPlan } from './notes-service.js';
import type { PlanContext } from './plan-service.js';

/** Everything a release writes, computed before anything is written. */
export interface PreparedRelease {
  readonly plan: PackagePlan;
  readonly version: string;
  readonly tag: string;
  readonly notes: ReleaseNotes;
  /** Version files, the changelog and consumed fragments, in the order they are written. */
  readonly changes: readonly FileChange[];
  /** The version comes from tags (setuptools-scm and the like): no file holds it. */
  readonly tagDerived: boolean;
  /** What version-file detection chose not to do, and why (shown as warnings). */
  readonly detectionNotes: readonly string[];
  readonly context: PlanContext;
}

export interface PrepareOptions {
  /** YYYY-MM-DD for the changelog and notes; default today (UTC). */
  readonly date?: string;
  /** Adds what the forge knows (PR titles, authors) before the changelog is written. */
  readonly enrichNotes?: (notes: ReleaseNotes) => Promise<ReleaseNotes>;
}

/** Null when nothing is releasable. Reads files; writes nothing. */
export async function prepareRelease(
  git: GitPort,
  context: PlanContext,
  options: PrepareOptions = {},
): Promise<PreparedRelease | null> {
  const { plan, config, topLevel } = context;
  if (plan.nextVersion === null || plan.nextTag === null) return null;
  const planned = await notesForPlan(
    git,
    context,
    options.date === undefined ? {} : { date: options.date },
  );
  if (planned === null) return null;
  const notes = options.enrichNotes === undefined ? planned : await options.enrichNotes(planned);

  const packageDir = join(topLevel, context.packagePath);
  const inRepository = (path: string): string =>
    context.packagePath === '.' ? path : `${context.packagePath}/${path}`;
  const detected = await detectVersionFiles(packageDir, {
    versionFiles: config.versionFiles,
    detectVersionFiles: config.detectVersionFiles,
  });
  const dynamic = detected.notes.find((note) => note.includes('dynamic'));
  if (detected.targets.length === 0 && !detected.tagDerived && dynamic !== undefined) {
    throw new SlipwayError('VERSION_FILE', `pyproject.toml: ${dynamic}`, {
      subject: 'pyproject.toml',
      hint: 'Derive the version from tags instead (setuptools-scm, hatch-vcs; `slipway describe` prints it), or list the file that holds it in version-files.',
    });
  }
  const paths = [...new Set(detected.targets.map((target) => target.path))];
  const originals = new Map<string, string>();
  for (const path of paths) {
    const content = await readOptional(join(packageDir, path));
    if (content !== null) originals.set(path, content);
  }
  const updated = applyVersionUpdates(
    originals,
    detected.targets,
    renderings(plan.nextVersion, plan.scheme),
  );
  await addDependencyUpdates(packageDir, context, originals, updated);
  const changes: FileChange[] = [...updated].map(([path, after]) => ({
    path: inRepository(path),
    before: originals.get(path) ?? null,
    after,
  }));

  // The release commit removes the fragments it consumed.
  for (const fragment of context.fragments) {
    const path = `${context.fragmentDirectory}/${fragment.file}`;
    changes.push({ path, before: await readOptional(join(topLevel, path)), after: null });
  }

  if (config.changelog.enabled) {
    const before = await readOptional(join(topLevel, config.changelog.file));
    const { content, changed } = updateChangelog(
      before,
      {
        version: plan.nextVersion,
        date: notes.date,
        compareUrl: notes.compareUrl,
        body: renderReleaseNotesBody(notes),
      },
      config.changelog.marker === null ? {} : { marker: config.changelog.marker },
    );
    if (changed) changes.push({ path: config.changelog.file, before, after: content });
  }
  return {
    plan,
    version: plan.nextVersion,
    tag: plan.nextTag,
    notes,
    changes,
    tagDerived: detected.tagDerived,
    detectionNotes: detected.notes,
    context,
  };
}

/**
 * A monorepo package whose internal dependencies are released requires their new versions:
 * its pyproject.toml requirements and package.json ranges are raised (on top of its own
 * version change when the same file holds both).
 */
async function addDependencyUpdates(
  packageDir: string,
  context: PlanContext,
  originals: Map<string, string>,
  updated: Map<string, string>,
): Promise<void> {
  if (context.dependencyUpdates.length === 0) return;
  const forms = (scheme: SchemeName) =>
    context.dependencyUpdates.map((update) => ({
      name: update.name,
      version:
        renderings(update.version, context.plan.scheme)[
          scheme === 'pep440' ? 'pep440' : 'semver'
        ] ?? update.version,
    }));
  const editors: [string, (content: string) => string][] = [
    ['pyproject.toml', (content) => updatePythonRequirements(content, forms('pep440'))],
    ['package.json', (content) => updateNpmDependencies(content, forms('semver'))],
  ];
  for (const [path, edit] of editors) {
    const before = originals.get(path) ?? (await readOptional(join(packageDir, path)));
    if (before === null) continue;
    originals.set(path, before);
    const after = edit(updated.get(path) ?? before);
    if (after !== before) updated.set(path, after);
  }
}

/** The version in both schemes where it can be written in both (package.json wants SemVer). */
export function renderings(version: string, scheme: SchemeName): VersionRenderings {
  const other: SchemeName = scheme === 'pep440' ? 'semver' : 'pep440';
  let converted: string | null;
  try {
    converted = convertVersion(version, scheme, other);
  } catch {
    converted = null;
  }
  return {
    primary: version,
    pep440: scheme === 'pep440' ? version : converted,
    semver: scheme === 'semver' ? version : converted,
  };
}
