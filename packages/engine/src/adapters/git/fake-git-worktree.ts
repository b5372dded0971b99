import type { GitWorkTreePort } from './git-worktree-port.js';

/** Records the release's git operations in memory, for unit tests of the step order and undo. */
export class FakeGitWorkTree implements GitWorkTreePort {
  readonly calls: string[] = [];
  readonly tags = new Set<string>();
  readonly tagMessages = new Map<string, string>();
  head = 'f'.repeat(40);
  dirty: string[] = [];
  private commits = 0;

  trackedChanges(): Promise<string[]> {
    return Promise.resolve([...this.dirty]);
  }

  stage(paths: readonly string[]): Promise<void> {
    this.calls.push(`stage ${paths.join(' ')}`);
    return Promise.resolve();
  }

  commit(message: string): Promise<string> {
    this.commits += 1;
    this.head = this.commits.toString(16).padStart(40, 'c');
    this.calls.push(`commit ${message.split('\n')[0] ?? ''}`);
    return Promise.resolve(this.head);
  }

  createTag(name: string, message: string): Promise<void> {
    this.tags.add(name);
    this.tagMessages.set(name, message);
    this.calls.push(`tag ${name}`);
    return Promise.resolve();
  }

  deleteTag(name: string): Promise<void> {
    this.tags.delete(name);
    this.tagMessages.delete(name);
    this.calls.push(`delete-tag ${name}`);
    return Promise.resolve();
  }

  tagExists(name: string): Promise<boolean> {
    return Promise.resolve(this.tags.has(name));
  }

  tagMessage(name: string): Promise<string | null> {
    return Promise.resolve(this.tagMessages.get(name) ?? null);
  }

  resetHard(sha: string): Promise<void> {
    this.head = sha;
    this.calls.push(`reset ${sha}`);
    return Promise.resolve();
  }

  push(remote: string, refs: readonly string[]): Promise<void> {
    this.calls.push(`push ${remote} ${refs.join(' ')}`);
    return Promise.resolve();
  }
}
