import { stringify } from 'yaml';
import type { PipelineFile, PipelineOptions } from './pipeline-options.js';
import {
  buildScript,
  deployScript,
  installSlipway,
  promoteScript,
  promotions,
  pushScript,
  releaseScript,
} from './pipeline-steps.js';

const checkout = { uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } };
const node = { uses: 'actions/setup-node@v4', with: { 'node-version': 20 } };
const install = { name: 'Install slipway', run: installSlipway };
const released = "needs.release.outputs.tag != ''";
const downloadDist = { uses: 'actions/download-artifact@v4', with: { name: 'dist', path: 'dist' } };

/** `.github/workflows/slipway-release.yml`: pull requests are checked; main releases. */
export function githubActionsPipeline(options: PipelineOptions): PipelineFile {
  const onMain = `github.event_name == 'push' && github.ref == 'refs/heads/${options.branch}'`;
  const checkoutTag = {
    ...checkout,
    with: { ...checkout.with, ref: '${{ needs.release.outputs.tag }}' },
  };
  const versionEnv = { SLIPWAY_VERSION: '${{ needs.release.outputs.version }}' };
  const jobs: Record<string, unknown> = {
    check: {
      'runs-on': 'ubuntu-latest',
      steps: [
        checkout,
        node,
        install,
        { name: 'Guardrails', run: 'slipway check --format github' },
      ],
    },
    test: {
      needs: 'check',
      'runs-on': 'ubuntu-latest',
      steps: [checkout, { name: 'Test', run: options.testCommand }],
    },
    release: {
      needs: 'test',
      if: onMain,
      'runs-on': 'ubuntu-latest',
      // pull-requests: read lets the release notes name each pull request, its author and reviewers.
      permissions: { contents: 'write', 'pull-requests': 'read' },
      outputs: {
        tag: '${{ steps.release.outputs.SLIPWAY_TAG }}',
        version: '${{ steps.release.outputs.SLIPWAY_VERSION }}',
      },
      steps: [
        checkout,
        node,
        install,
        {
          id: 'release',
          name: 'Version, changelog and tag',
          env: { GITHUB_TOKEN: '${{ github.token }}' },
          run: `${releaseScript}\ncat .slipway/release.env >> "$GITHUB_OUTPUT"`,
        },
      ],
    },
    build: {
      needs: 'release',
      if: released,
      'runs-on': 'ubuntu-latest',
      // Build once, from the tag; provenance is signed with the workflow's own identity.
      permissions: { contents: 'read', 'id-token': 'write', attestations: 'write' },
      steps: [
        checkoutTag,
        node,
        install,
        { name: 'Build and SBOM', run: buildScript(options) },
        { uses: 'actions/attest-build-provenance@v2', with: { 'subject-path': 'dist/*' } },
        { uses: 'actions/upload-artifact@v4', with: { name: 'dist', path: 'dist/' } },
      ],
    },
  };
  if (options.publish !== 'none') {
    jobs['publish'] = {
      needs: ['release', 'build'],
      if: released,
      'runs-on': 'ubuntu-latest',
      // Trusted publishing: the registry trusts this workflow and environment, no stored token.
      environment: options.publish,
      permissions: { contents: 'read', 'id-token': 'write' },
      steps:
        options.publish === 'pypi'
          ? [
              downloadDist,
              { name: 'Only the distributions', run: 'rm -f dist/*.cdx.json' },
              { uses: 'pypa/gh-action-pypi-publish@release/v1' },
            ]
          : [
              downloadDist,
              { ...node, with: { ...node.with, 'registry-url': 'https://registry.npmjs.org' } },
              { run: 'npm publish dist/*.tgz --provenance --access public' },
            ],
    };
  }
  jobs['push'] = {
    needs: ['release', 'build'],
    if: released,
    'runs-on': 'ubuntu-latest',
    steps: [
      checkoutTag,
      node,
      install,
      downloadDist,
      { name: 'Register the release', run: pushScript },
    ],
  };
  const first = options.environments[0] ?? 'dev';
  jobs[`deploy-${first}`] = {
    needs: ['release', 'push'],
    if: released,
    'runs-on': 'ubuntu-latest',
    environment: first,
    env: versionEnv,
    steps: [node, install, { name: `Deploy to ${first}`, run: deployScript(options) }],
  };
  let previous = `deploy-${first}`;
  for (const { from, to } of promotions(options)) {
    const id = `promote-${to}`;
    jobs[id] = {
      needs: ['release', previous],
      if: released,
      'runs-on': 'ubuntu-latest',
      // The environment's protection rules add GitHub's own reviewers to Slipway's policy gate.
      environment: to,
      steps: [
        node,
        install,
        { name: `Promote ${from} → ${to}`, run: promoteScript(options, from, to) },
      ],
    };
    previous = id;
  }
  const workflow = {
    name: 'slipway release',
    on: { push: { branches: [options.branch] }, pull_request: {} },
    permissions: { contents: 'read' },
    concurrency: { group: 'slipway-${{ github.ref }}', 'cancel-in-progress': false },
    env: {
      SLIPWAY_SERVER: '${{ vars.SLIPWAY_SERVER }}',
      SLIPWAY_TOKEN: '${{ secrets.SLIPWAY_TOKEN }}',
    },
    jobs,
  };
  return { path: '.github/workflows/slipway-release.yml', content: render(workflow) };
}

export function render(document: unknown): string {
  return `# Generated by \`slipway ci init\`: check → test → release → build → publish → push → deploy → promote.\n${stringify(document, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
