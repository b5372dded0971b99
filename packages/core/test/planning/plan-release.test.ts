import { describe, expect, it } from 'vitest';
import { SlipwayError, defaultPlanningConfig, pep440Scheme, planRelease } from '../../src/index.js';
import { commit, from, planInput, released } from './plan-fixtures.js';

describe('planRelease: bump rules', () => {
  it('feat bumps minor, and lists the commit as the reason', () => {
    const feat = commit('feat(api): add search');
    const plan = planRelease(planInput({ ...from('1.2.3'), commits: [commit('fix: typo'), feat] }));
    expect(plan.currentVersion).toBe('1.2.3');
    expect(plan.nextVersion).toBe('1.3.0');
    expect(plan.nextTag).toBe('v1.3.0');
    expect(plan.bump).toBe('minor');
    expect(plan.commits).toBe(2);
    expect(plan.reasons.map((reason) => reason.bump)).toEqual(['minor', 'patch']);
    expect(plan.reasons[0]?.commits[0]).toMatchObject({
      sha: feat.sha,
      type: 'feat',
      scope: 'api',
      description: 'add search',
      breaking: false,
    });
  });

  it('fix and perf bump patch', () => {
    expect(
      planRelease(planInput({ ...from('1.2.3'), commits: [commit('fix: a')] })).nextVersion,
    ).toBe('1.2.4');
    expect(
      planRelease(planInput({ ...from('1.2.3'), commits: [commit('perf: b')] })).nextVersion,
    ).toBe('1.2.4');
  });

  it('a breaking change bumps major, by ! or by footer', () => {
    for (const message of ['feat!: drop py3.8', 'fix: x\n\nBREAKING CHANGE: the API changed']) {
      const plan = planRelease(planInput({ ...from('1.2.3'), commits: [commit(message)] }));
      expect(plan.nextVersion).toBe('2.0.0');
      expect(plan.bump).toBe('major');
    }
  });

  it('nothing releasable gives no next version and no reasons', () => {
    const plan = planRelease(
      planInput({ ...from('1.2.3'), commits: [commit('docs: readme'), commit('chore: deps')] }),
    );
    expect(plan.nextVersion).toBeNull();
    expect(plan.nextTag).toBeNull();
    expect(plan.bump).toBeNull();
    expect(plan.reasons).toEqual([]);
    expect(plan.commits).toBe(2);
  });

  it('bumps are configurable per type', () => {
    const config = {
      ...defaultPlanningConfig,
      bumps: { ...defaultPlanningConfig.bumps, docs: 'patch' as const, feat: 'none' as const },
    };
    const plan = planRelease(
      planInput({ ...from('1.2.3'), config, commits: [commit('docs: guide'), commit('feat: x')] }),
    );
    expect(plan.nextVersion).toBe('1.2.4');
    expect(plan.reasons).toHaveLength(1);
  });

  it('a type named like an Object member is just an unknown type', () => {
    const plan = planRelease(
      planInput({ ...from('1.2.3'), commits: [commit('constructor: x'), commit('toString: y')] }),
    );
    expect(plan.nextVersion).toBeNull();
  });

  it('non-conventional commits are reported, not counted, and never crash', () => {
    const odd = commit('Update README.md');
    const plan = planRelease(planInput({ ...from('1.2.3'), commits: [odd, commit('fix: a')] }));
    expect(plan.nextVersion).toBe('1.2.4');
    expect(plan.warnings).toContainEqual(
      expect.objectContaining({ code: 'non-conventional', commits: [odd.sha] }),
    );
  });
});

describe('planRelease: before 1.0', () => {
  it('a breaking change bumps minor while 0.x by default', () => {
    const plan = planRelease(planInput({ ...from('0.3.1'), commits: [commit('feat!: new api')] }));
    expect(plan.nextVersion).toBe('0.4.0');
    expect(plan.bump).toBe('minor');
  });

  it('can be configured to leave 0.x on a breaking change, and to bump patch for features', () => {
    const config = {
      ...defaultPlanningConfig,
      preMajor: { breaking: 'major' as const, feat: 'patch' as const },
    };
    expect(
      planRelease(planInput({ ...from('0.3.1'), config, commits: [commit('feat!: new')] }))
        .nextVersion,
    ).toBe('1.0.0');
    expect(
      planRelease(planInput({ ...from('0.3.1'), config, commits: [commit('feat: new')] }))
        .nextVersion,
    ).toBe('0.3.2');
  });
});

describe('planRelease: first release', () => {
  it('uses the configured first version', () => {
    const plan = planRelease(planInput({ commits: [commit('feat: init')] }));
    expect(plan.currentVersion).toBeNull();
    expect(plan.nextVersion).toBe('0.1.0');
    const config = { ...defaultPlanningConfig, firstRelease: '1.0.0' };
    expect(planRelease(planInput({ config, commits: [commit('feat!: init')] })).nextVersion).toBe(
      '1.0.0',
    );
  });

  it('refuses an invalid first-release naming the key', () => {
    const config = { ...defaultPlanningConfig, firstRelease: 'one' };
    expect(() => planRelease(planInput({ config, commits: [commit('feat: x')] }))).toThrow(
      /first-release "one" is not a valid semver version/,
    );
  });

  it('a first pre-release is numbered 1', () => {
    const plan = planRelease(planInput({ commits: [commit('feat: init')], prerelease: 'rc' }));
    expect(plan.nextVersion).toBe('0.1.0-rc.1');
  });
});

describe('planRelease: pre-releases', () => {
  it('from 1.2.3 a feature gives 1.3.0-rc.1, and 1.3.0rc1 in PEP 440', () => {
    expect(
      planRelease(planInput({ ...from('1.2.3'), commits: [commit('feat: a')], prerelease: 'rc' }))
        .nextVersion,
    ).toBe('1.3.0-rc.1');
    const base = released('1.2.3', { scheme: pep440Scheme });
    const plan = planRelease(
      planInput({
        scheme: pep440Scheme,
        base,
        releases: [base],
        commits: [commit('feat: a')],
        prerelease: 'rc',
      }),
    );
    expect(plan.nextVersion).toBe('1.3.0rc1');
  });

  it('the next pre-release of the same line counts up', () => {
    const final = released('1.2.3');
    const rc1 = released('1.3.0-rc.1');
    const plan = planRelease(
      planInput({
        base: rc1,
        releases: [final, rc1],
        commits: [commit('fix: b')],
        prerelease: 'rc',
      }),
    );
    expect(plan.nextVersion).toBe('1.3.0-rc.2');
  });

  it('a breaking change during a pre-release line moves the target up', () => {
    const final = released('1.2.3');
    const rc1 = released('1.3.0-rc.1');
    const plan = planRelease(
      planInput({
        base: rc1,
        releases: [final, rc1],
        commits: [commit('feat!: b')],
        prerelease: 'rc',
      }),
    );
    expect(plan.nextVersion).toBe('2.0.0-rc.1');
  });

  it('numbers past every known tag of the line, reachable or not', () => {
    const final = released('1.2.3');
    const rc2 = released('1.3.0-rc.2', { reachable: false });
    const plan = planRelease(
      planInput({
        base: final,
        releases: [final, rc2],
        commits: [commit('feat: b')],
        prerelease: 'rc',
      }),
    );
    expect(plan.nextVersion).toBe('1.3.0-rc.3');
  });

  it('counts PEP 440 pre-releases whatever spelling the identifier uses', () => {
    const final = released('1.2.3', { scheme: pep440Scheme });
    const a1 = released('1.3.0a1', { scheme: pep440Scheme });
    const plan = planRelease(
      planInput({
        scheme: pep440Scheme,
        base: a1,
        releases: [final, a1],
        commits: [commit('fix: b')],
        prerelease: 'alpha',
      }),
    );
    expect(plan.nextVersion).toBe('1.3.0a2');
  });

  it('counts development releases with the dev identifier', () => {
    const final = released('1.2.3', { scheme: pep440Scheme });
    const dev1 = released('1.3.0.dev1', { scheme: pep440Scheme });
    const plan = planRelease(
      planInput({
        scheme: pep440Scheme,
        base: dev1,
        releases: [final, dev1],
        commits: [commit('fix: b')],
        prerelease: 'dev',
      }),
    );
    expect(plan.nextVersion).toBe('1.3.0.dev2');
  });

  it('another identifier starts its own count', () => {
    const final = released('1.2.3');
    const rc1 = released('1.3.0-rc.1');
    const plan = planRelease(
      planInput({
        base: final,
        releases: [final, rc1],
        commits: [commit('feat: b')],
        prerelease: 'beta',
      }),
    );
    expect(plan.nextVersion).toBe('1.3.0-beta.1');
  });

  it('the final release after rc is planned from the last final release', () => {
    const final = released('1.2.3');
    const rc2 = released('1.3.0-rc.2');
    const plan = planRelease(
      planInput({
        base: final,
        releases: [final, rc2],
        commits: [commit('fix: c'), commit('feat: a')],
      }),
    );
    expect(plan.nextVersion).toBe('1.3.0');
  });
});

describe('planRelease: Release-As', () => {
  it('wins over the computed bump', () => {
    const plan = planRelease(
      planInput({ ...from('1.2.3'), commits: [commit('fix: a\n\nRelease-As: 3.0.0')] }),
    );
    expect(plan.nextVersion).toBe('3.0.0');
    expect(plan.releaseAs).toBe('3.0.0');
  });

  it('releases even when nothing else is releasable', () => {
    const plan = planRelease(
      planInput({ ...from('1.2.3'), commits: [commit('chore: a\n\nRelease-As: 2.0.0')] }),
    );
    expect(plan.nextVersion).toBe('2.0.0');
  });

  it('an invalid value is a warning naming the value, and the bump rules apply', () => {
    const plan = planRelease(
      planInput({ ...from('1.2.3'), commits: [commit('feat: a\n\nRelease-As: banana')] }),
    );
    expect(plan.nextVersion).toBe('1.3.0');
    expect(plan.warnings.map((warning) => warning.message).join('\n')).toMatch(
      /Release-As "banana"/,
    );
  });

  it('a value not above the current version is released but warned about', () => {
    const plan = planRelease(
      planInput({ ...from('1.2.3'), commits: [commit('fix: a\n\nRelease-As: 1.0.0')] }),
    );
    expect(plan.nextVersion).toBe('1.0.0');
    expect(plan.warnings.map((warning) => warning.code)).toContain('release-as-not-greater');
  });
});

describe('planRelease: reverts', () => {
  it('a revert in the window cancels the reverted commit', () => {
    const feat = commit('feat: risky');
    const revert = commit(`revert: feat: risky\n\nThis reverts commit ${feat.sha}.`);
    const plan = planRelease(
      planInput({ ...from('1.2.3'), commits: [revert, commit('fix: ok'), feat] }),
    );
    expect(plan.nextVersion).toBe('1.2.4');
    expect(plan.cancelledReverts).toBe(1);
  });

  it('git’s default revert message cancels too', () => {
    const feat = commit('feat: risky');
    const revert = commit(`Revert "feat: risky"\n\nThis reverts commit ${feat.sha}.`);
    const plan = planRelease(planInput({ ...from('1.2.3'), commits: [revert, feat] }));
    expect(plan.nextVersion).toBeNull();
  });

  it('cancels whatever the log order (git lists by date, not topology)', () => {
    const feat = commit('feat: risky');
    const revert = commit(`revert: feat: risky\n\nThis reverts commit ${feat.sha}.`);
    const plan = planRelease(planInput({ ...from('1.2.3'), commits: [feat, revert] }));
    expect(plan.nextVersion).toBeNull();
    expect(plan.cancelledReverts).toBe(1);
  });

  it('a revert of an already released commit is a patch change', () => {
    const revert = commit(`revert: feat: old\n\nThis reverts commit ${'f'.repeat(40)}.`);
    const plan = planRelease(planInput({ ...from('1.2.3'), commits: [revert] }));
    expect(plan.nextVersion).toBe('1.2.4');
    expect(plan.reasons[0]?.commits[0]?.type).toBe('revert');
  });

  it('a revert of the revert brings the change back', () => {
    const feat = commit('feat: risky');
    const revert = commit(`revert: feat: risky\n\nThis reverts commit ${feat.sha}.`);
    const again = commit(`revert: revert: feat: risky\n\nThis reverts commit ${revert.sha}.`);
    const plan = planRelease(planInput({ ...from('1.2.3'), commits: [again, revert, feat] }));
    expect(plan.nextVersion).toBe('1.3.0');
  });
});

describe('planRelease: maintenance branches', () => {
  const maintenance = { branch: '1.x', major: 1, minor: null };

  it('a fix on 1.x releases a patch', () => {
    const main = released('2.0.0', { reachable: false });
    const plan = planRelease(
      planInput({ ...from('1.3.2', [main]), maintenance, commits: [commit('fix: a')] }),
    );
    expect(plan.nextVersion).toBe('1.3.3');
  });

  it('refuses a breaking change that leaves the line', () => {
    expect(() =>
      planRelease(planInput({ ...from('1.3.2'), maintenance, commits: [commit('feat!: a')] })),
    ).toThrow(/maintenance branch 1\.x may only release 1\.x versions.*2\.0\.0/);
  });

  it('refuses a version that main already released', () => {
    const main = released('1.4.0', { reachable: false });
    let error: unknown;
    try {
      planRelease(
        planInput({ ...from('1.3.2', [main]), maintenance, commits: [commit('feat: a')] }),
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).code).toBe('VERSION_OUT_OF_RANGE');
    expect((error as SlipwayError).message).toMatch(
      /1\.4\.0 belongs to a range already released.*v1\.4\.0/,
    );
  });

  it('a 1.2.x line refuses a feature', () => {
    expect(() =>
      planRelease(
        planInput({
          ...from('1.2.5'),
          maintenance: { branch: '1.2.x', major: 1, minor: 2 },
          commits: [commit('feat: a')],
        }),
      ),
    ).toThrow(/1\.2\.x/);
  });
});

describe('planRelease: warnings', () => {
  it('warns when the next tag exists already', () => {
    const existing = released('1.3.0', { reachable: false });
    const plan = planRelease(
      planInput({ ...from('1.2.3', [existing]), commits: [commit('feat: a')] }),
    );
    expect(plan.warnings.map((warning) => warning.code)).toContain('tag-exists');
  });
});
