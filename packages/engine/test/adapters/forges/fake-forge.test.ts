import { describe, expect, it } from 'vitest';
import { SlipwayError } from '@slipway/core';
import {
  FakeForge,
  upsertPullRequest,
  type PullRequestDraft,
} from '../../../src/adapters/forges/index.js';

const DRAFT: PullRequestDraft = {
  head: 'slipway/release-a',
  base: 'main',
  title: 'chore: release a 1.0.0',
  body: 'notes\n',
  labels: ['release'],
};

describe('FakeForge with upsertPullRequest', () => {
  it('creates, leaves unchanged, and updates, recording each call', async () => {
    const forge = new FakeForge('gitlab');
    expect(forge.kind).toBe('gitlab');
    const created = await upsertPullRequest(forge, DRAFT);
    expect(created).toMatchObject({ action: 'created', pullRequest: { number: 1, state: 'open' } });

    // A browser turns line ends into CRLF and trailing whitespace goes: still the same body.
    const same = await upsertPullRequest(forge, { ...DRAFT, body: 'notes\r\n  ' });
    expect(same.action).toBe('unchanged');

    const updated = await upsertPullRequest(forge, { ...DRAFT, title: 'new', labels: ['b'] });
    expect(updated.action).toBe('updated');
    expect(updated.pullRequest).toMatchObject({
      number: 1,
      title: 'new',
      labels: ['release', 'b'],
    });

    expect(forge.calls.map((call) => call.method)).toEqual([
      'findOpenPullRequest',
      'createPullRequest',
      'findOpenPullRequest',
      'findOpenPullRequest',
      'updatePullRequest',
    ]);
    expect(forge.calls[1]).toEqual({ method: 'createPullRequest', draft: DRAFT });
  });

  it('a label missing from the PR is an update even when text is the same', async () => {
    const forge = new FakeForge();
    await upsertPullRequest(forge, DRAFT);
    const result = await upsertPullRequest(forge, { ...DRAFT, labels: ['release', 'x'] });
    expect(result.action).toBe('updated');
    expect(forge.pullRequests[0]?.labels).toEqual(['release', 'x']);
  });

  it('refuses a second open PR for one head and base, and an unknown number', async () => {
    const forge = new FakeForge();
    await forge.createPullRequest(DRAFT);
    await expect(forge.createPullRequest(DRAFT)).rejects.toMatchObject({ code: 'FORGE_FAILED' });
    await expect(forge.updatePullRequest(5, DRAFT)).rejects.toBeInstanceOf(SlipwayError);
    // Another base is another PR.
    expect((await forge.createPullRequest({ ...DRAFT, base: 'next' })).number).toBe(2);
  });

  it('finds the newest merged PR of a reused branch, and opens a new one after a merge', async () => {
    const forge = new FakeForge();
    await upsertPullRequest(forge, DRAFT);
    forge.setState(1, 'merged');
    expect(await forge.findOpenPullRequest(DRAFT.head, 'main')).toBeNull();
    const second = await upsertPullRequest(forge, { ...DRAFT, title: '2.0.0' });
    expect(second).toMatchObject({ action: 'created', pullRequest: { number: 2 } });
    forge.setState(2, 'merged');
    await upsertPullRequest(forge, { ...DRAFT, title: '3.0.0' });
    forge.setState(3, 'closed');

    const merged = await forge.findMergedPullRequest(DRAFT.head, 'main');
    expect(merged).toMatchObject({ number: 2, title: '2.0.0', state: 'merged' });
    expect(await forge.findMergedPullRequest(DRAFT.head, 'next')).toBeNull();
    expect(() => forge.setState(9, 'merged')).toThrow(/no pull request #9/);
  });

  it('hands out copies, so callers cannot change its state', async () => {
    const forge = new FakeForge();
    const created = await forge.createPullRequest(DRAFT);
    created.labels.push('mutated');
    expect(forge.pullRequests[0]?.labels).toEqual(['release']);
  });
});
