import { spawnSync } from 'node:child_process';

/** The interpreter whose `packaging` is the reference; CI installs python3-packaging for it. */
export const PYTHON = process.env.SLIPWAY_PYTHON ?? '/usr/bin/python3';

export interface PackagingAnswer {
  version: string;
  /** Per input: the normalized string, or null when packaging rejects it. */
  normalized: (string | null)[];
  /** Per input: the rank of its equivalence class in packaging's order, or null when invalid. */
  rank: (number | null)[];
}

const SCRIPT = `
import json, sys
import packaging
from packaging.version import Version, InvalidVersion
inputs = json.load(sys.stdin)
versions = []
for text in inputs:
    try:
        versions.append(Version(text))
    except InvalidVersion:
        versions.append(None)
ordered = sorted({v for v in versions if v is not None})
rank = {v: i for i, v in enumerate(ordered)}
json.dump({
    "version": packaging.__version__,
    "normalized": [None if v is None else str(v) for v in versions],
    "rank": [None if v is None else rank[v] for v in versions],
}, sys.stdout)
`;

/**
 * Asks packaging about every input in one process. Throws (failing the test, never skipping it)
 * when Python or packaging is missing, so a broken CI image cannot pass silently.
 */
export function askPackaging(inputs: readonly string[]): PackagingAnswer {
  const result = spawnSync(PYTHON, ['-c', SCRIPT], {
    input: JSON.stringify(inputs),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error !== undefined) {
    throw new Error(
      `cannot run ${PYTHON} (set SLIPWAY_PYTHON or install python3): ${result.error.message}`,
    );
  }
  if (result.status !== 0) {
    throw new Error(
      `${PYTHON} with packaging failed (is python3-packaging installed?):\n${result.stderr}`,
    );
  }
  return JSON.parse(result.stdout) as PackagingAnswer;
}
