import type { PipelineOptions } from './pipeline-options.js';

/**
 * The shell of each step of the release path, shared by every provider: the providers differ in
 * how jobs are declared, gated and pass files, not in what the steps run.
 */
export const installSlipway = 'npm install --global @slipway/cli';

/** Writes `.slipway/release.env` (SLIPWAY_TAG, SLIPWAY_VERSION; empty when nothing was due). */
export const releaseScript = [
  'git config user.name "slipway release"',
  'git config user.email "slipway-release@users.noreply.invalid"',
  'mkdir -p .slipway',
  // Exit 3 is "nothing to release": the path stops here without failing.
  'status=0; slipway release --push || status=$?',
  'if [ "$status" = 3 ]; then tag=""; elif [ "$status" = 0 ]; then tag="$(git describe --tags --exact-match HEAD)"; else exit "$status"; fi',
  'echo "SLIPWAY_TAG=$tag" > .slipway/release.env',
  // The default tag format is v{version}.
  'echo "SLIPWAY_VERSION=${tag#v}" >> .slipway/release.env',
].join('\n');

/** Loads the release's tag and version; a job after a release that did not happen stops here. */
export const loadRelease = [
  'set -a; . .slipway/release.env; set +a',
  'if [ -z "$SLIPWAY_TAG" ]; then echo "nothing was released"; exit 0; fi',
].join('\n');

export function buildScript(options: PipelineOptions): string {
  return [
    options.buildCommand,
    // One SBOM per built file, next to it, so the evidence travels with the artifact.
    'for file in dist/*; do slipway sbom --artifact "$file" --out "$file.cdx.json"; done',
  ].join('\n');
}

/** Registers the release and its artifacts (by digest) with the Slipway server. */
export const pushScript = 'slipway push';

export function deployScript(options: PipelineOptions): string {
  return `slipway deploy ${options.service} "$SLIPWAY_VERSION" --env ${options.environments[0] ?? 'dev'}`;
}

/** Slipway's policy decides the gate: the command fails while an approval is missing. */
export function promoteScript(options: PipelineOptions, from: string, to: string): string {
  return `slipway promote ${options.service} --from ${from} --to ${to}`;
}

/** Pairs of environments the release is promoted between, in lifecycle order. */
export function promotions(options: PipelineOptions): { from: string; to: string }[] {
  return options.environments.slice(1).map((to, index) => ({
    from: options.environments[index] ?? '',
    to,
  }));
}

/** PyPI's documented trusted publishing from GitLab: exchange the CI's OIDC token for an upload token. */
export const pypiTokenExchange = [
  'python -m pip install -U twine id',
  'oidc_token="$(python -m id PYPI)"',
  'resp="$(curl -sS -X POST https://pypi.org/_/oidc/mint-token -d "{\\"token\\":\\"${oidc_token}\\"}")"',
  'api_token="$(printf \'%s\' "$resp" | python -c \'import json,sys; print(json.load(sys.stdin)["token"])\')"',
  'python -m twine upload -u __token__ -p "$api_token" dist/*.whl dist/*.tar.gz',
].join('\n');
