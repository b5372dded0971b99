import { isAbsolute, resolve } from 'node:path';
import type { GuardrailFinding, GuardrailReport, GuardrailRule, RawCommit } from '@slipway/core';
import {
  SlipwayError,
  checkBranchFreshness,
  checkConventional,
  checkPullRequestTitle,
  checkReleaseBranches,
  checkSignatures,
  checkTogether,
  createCommitParser,
  withSeverity,
  type RuleFinding,
} from '@slipway/core';
import type { GitPort } from '../../adapters/git/git-port.js';
import type { GuardrailGitPort } from '../../adapters/git/guardrail-git-port.js';
import type { CheckConfig } from '../../config/sections/check.js';
import { releaseBranchStates } from './release-branch-states.js';

export interface GuardrailCheckRequest {
  /** The trunk, or the pull request's target; default `[check] base`. */
  readonly base?: string;
  /** Default `HEAD`. */
  readonly head?: string;
  /** Default now; tests pin it. */
  readonly now?: Date;
  /** Only these rules; default every rule the configuration turns on. */
  readonly only?: readonly GuardrailRule[];
  /** The pull request's title, checked as a commit header (a squash merge makes it one). */
  readonly pullRequestTitle?: string;
}

/** Runs `[check]`'s guardrails over the commits of `head` that `base` lacks. */
export class GuardrailCheckService {
  constructor(
    private readonly git: GitPort,
    private readonly guardrailGit: GuardrailGitPort,
    private readonly config: CheckConfig,
    /** Relative `gpg-home` and `allowed-signers` paths start here. */
    private readonly projectDir: string,
  ) {}

  async check(request: GuardrailCheckRequest = {}): Promise<GuardrailReport> {
    const baseName = request.base ?? this.config.base;
    const headName = request.head ?? 'HEAD';
    const base = await this.resolveBase(baseName);
    const head = await this.resolve(headName, 'head');
    const nowSeconds = Math.floor((request.now ?? new Date()).getTime() / 1000);
    const rules = this.rules(request.only);

    const commits: RawCommit[] = [];
    for await (const commit of this.git.log({ to: head, exclude: [base], withFiles: true })) {
      commits.push(commit);
    }
    const findings: RuleFinding[] = [];
    if (rules.includes('conventional')) {
      const parse = createCommitParser();
      findings.push(...checkConventional(commits.map(parse), this.config.types));
      if (request.pullRequestTitle !== undefined) {
        findings.push(...checkPullRequestTitle(request.pullRequestTitle, this.config.types));
      }
    }
    if (rules.includes('signed')) {
      const signatures = await this.guardrailGit.signatures(base, head, {
        gpgHome: this.path(this.config.gpgHome),
        allowedSigners: this.path(this.config.allowedSigners),
      });
      findings.push(...checkSignatures(signatures));
    }
    if (rules.includes('branch-age') || rules.includes('branch-divergence')) {
      const behind = await this.git.countCommits(base, head);
      const branch = {
        oldestUnmergedTime:
          commits.length === 0 ? null : Math.min(...commits.map((commit) => commit.authorTime)),
        ahead: commits.length,
        behind,
      };
      const limits = {
        maxAgeHours: rules.includes('branch-age') ? this.config.maxBranchAgeHours : null,
        maxAhead: rules.includes('branch-divergence') ? this.config.maxAhead : null,
        maxBehind: rules.includes('branch-divergence') ? this.config.maxBehind : null,
      };
      findings.push(...checkBranchFreshness(branch, limits, nowSeconds, baseName));
    }
    if (rules.includes('together')) {
      const files = [...new Set(commits.flatMap((commit) => commit.files ?? []))];
      findings.push(...checkTogether(files, this.config.together));
    }
    if (rules.includes('release-fixes') || rules.includes('release-age')) {
      const branches = await releaseBranchStates(
        this.guardrailGit,
        this.config.releaseBranches,
        base,
      );
      const window = rules.includes('release-age') ? this.config.releaseWindowDays : null;
      const releaseFindings = checkReleaseBranches(branches, window, nowSeconds, baseName);
      findings.push(
        ...releaseFindings.filter(
          (finding) => finding.rule !== 'release-fixes' || rules.includes('release-fixes'),
        ),
      );
    }
    const all: GuardrailFinding[] = withSeverity(findings, new Set(this.config.warn));
    return {
      base: baseName,
      head: headName,
      commits: commits.length,
      rules,
      findings: all,
      passed: all.every((finding) => finding.severity !== 'error'),
    };
  }

  /** The rules the configuration turns on, narrowed to `only`. */
  private rules(only: readonly GuardrailRule[] | undefined): GuardrailRule[] {
    const config = this.config;
    const enabled: GuardrailRule[] = [
      ...(config.conventional ? (['conventional'] as const) : []),
      ...(config.signed ? (['signed'] as const) : []),
      ...(config.maxBranchAgeHours === null ? [] : (['branch-age'] as const)),
      ...(config.maxAhead === null && config.maxBehind === null
        ? []
        : (['branch-divergence'] as const)),
      ...(config.together.length === 0 ? [] : (['together'] as const)),
      ...(config.releaseBranches.length === 0 ? [] : (['release-fixes'] as const)),
      ...(config.releaseBranches.length === 0 || config.releaseWindowDays === null
        ? []
        : (['release-age'] as const)),
    ];
    return only === undefined ? enabled : enabled.filter((rule) => only.includes(rule));
  }

  /** A CI checkout often has the base only as `origin/<base>`. */
  private async resolveBase(name: string): Promise<string> {
    const local = await this.guardrailGit.resolveCommit(name);
    if (local !== null) return local;
    const remote = await this.guardrailGit.resolveCommit(`origin/${name}`);
    if (remote !== null) return remote;
    throw new SlipwayError('GIT_FAILED', `base ${JSON.stringify(name)} names no commit here`, {
      subject: name,
      hint: 'Fetch the base branch (in CI: a full clone, e.g. actions/checkout with fetch-depth: 0), or pass --base.',
    });
  }

  private async resolve(name: string, role: string): Promise<string> {
    const sha = await this.guardrailGit.resolveCommit(name);
    if (sha !== null) return sha;
    throw new SlipwayError('USAGE', `${role} ${JSON.stringify(name)} names no commit here`, {
      subject: name,
    });
  }

  private path(path: string | null): string | null {
    if (path === null) return null;
    return isAbsolute(path) ? path : resolve(this.projectDir, path);
  }
}
