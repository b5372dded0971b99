import { createHash } from 'node:crypto';
import { SlipwayError, type RawCommit } from '@slipway/core';
import { reachable, walkFakeLog, type FakeCommit } from './fake-log-walk.js';
import type { GitPort, HeadState, LogQuery, RepositoryState, TagRef } from './git-port.js';

export type { FakeCommit } from './fake-log-walk.js';

export interface FakeGitOptions {
  readonly topLevel?: string;
  readonly gitDir?: string;
  /** The branch HEAD starts on (unborn until the first commit). */
  readonly branch?: string;
  readonly shallow?: boolean;
  /** Remote name → URL. */
  readonly remotes?: Readonly<Record<string, string>>;
  /** Every query throws GIT_NOT_A_REPOSITORY, as CliGit does outside a work tree. */
  readonly notARepository?: boolean;
}

export interface FakeCommitOptions {
  readonly authorName?: string;
  readonly authorEmail?: string;
  /** Unix seconds; by default a clock that advances a minute per commit. */
  readonly time?: number;
  /** Paths the commit touches, for `log({ paths })`. */
  readonly files?: readonly string[];
}

/**
 * An in-memory GitPort: a commit DAG, branches, tags and HEAD, built with git-like verbs.
 * Unit tests of services above the port use it instead of spawning git.
 */
export class FakeGit implements GitPort {
  private readonly commits = new Map<string, FakeCommit>();
  private readonly branches = new Map<string, string>();
  private readonly tagMap = new Map<string, string>();
  private currentBranch: string | null;
  private detachedSha: string | null = null;
  private clock = 1_700_000_000;

  constructor(private readonly options: FakeGitOptions = {}) {
    this.currentBranch = options.branch ?? 'main';
  }

  /** Adds a commit on the current branch (or detached HEAD) and returns its SHA. */
  commit(message: string, options: FakeCommitOptions = {}): string {
    const parent = this.headSha();
    return this.addCommit({ message, parents: parent === null ? [] : [parent], ...options });
  }

  /** Adds any commit, e.g. for DAG shapes the verbs do not make; moves HEAD to it. */
  addCommit(
    input: FakeCommitOptions & { readonly message: string; readonly parents: readonly string[] },
  ): string {
    for (const parent of input.parents) this.resolve(parent);
    this.clock = input.time ?? this.clock + 60;
    const sha = createHash('sha1')
      .update(`${input.parents.join(' ')}\0${this.clock}\0${input.message}\0${this.commits.size}`)
      .digest('hex');
    this.commits.set(sha, {
      sha,
      parents: [...input.parents],
      authorName: input.authorName ?? 'Fake Author',
      authorEmail: input.authorEmail ?? 'fake@slipway.invalid',
      authorTime: this.clock,
      committerTime: this.clock,
      message: input.message,
      files: [...(input.files ?? [])],
    });
    this.moveHead(sha);
    return sha;
  }

  /** A lightweight or annotated tag alike: the port only sees the peeled commit. */
  tag(name: string, rev = 'HEAD'): void {
    if (this.tagMap.has(name)) throw this.failure(`tag ${name} already exists`);
    this.tagMap.set(name, this.resolve(rev));
  }

  /** Creates a branch at HEAD and checks it out. */
  branch(name: string): void {
    const sha = this.headSha();
    if (sha !== null) this.branches.set(name, sha);
    this.currentBranch = name;
    this.detachedSha = null;
  }

  /** A branch name attaches HEAD; anything else detaches it at that commit. */
  checkout(rev: string): void {
    if (this.branches.has(rev)) {
      this.currentBranch = rev;
      this.detachedSha = null;
    } else {
      this.detachedSha = this.resolve(rev);
      this.currentBranch = null;
    }
  }

  /** A merge commit of HEAD and `rev` (always a real merge, like `--no-ff`). */
  merge(rev: string, message = `Merge branch '${rev}'`, options: FakeCommitOptions = {}): string {
    const ours = this.headSha();
    if (ours === null) throw this.failure('cannot merge into an unborn branch');
    return this.addCommit({ message, parents: [ours, this.resolve(rev)], ...options });
  }

  /** The SHA a revision names: HEAD, a branch, a tag, or a full or abbreviated SHA. */
  resolve(rev: string): string {
    const sha =
      rev === 'HEAD'
        ? this.headSha()
        : (this.branches.get(rev) ?? this.tagMap.get(rev) ?? this.findSha(rev));
    if (sha === null || sha === undefined) throw this.failure(`unknown revision ${rev}`);
    return sha;
  }

  async topLevel(): Promise<string> {
    this.assertRepository();
    return this.options.topLevel ?? '/fake/repo';
  }

  async gitDir(): Promise<string> {
    this.assertRepository();
    return this.options.gitDir ?? `${await this.topLevel()}/.git`;
  }

  async head(): Promise<HeadState> {
    this.assertRepository();
    return { sha: this.headSha(), branch: this.currentBranch };
  }

  /** The common ancestor of all `revs` nearest to them (fewest commits away), as git picks one. */
  async mergeBase(revs: readonly string[]): Promise<string | null> {
    if (revs.length === 0) return null;
    const sets = revs.map((rev) => reachable(this.commits, [this.resolve(rev)]));
    const [first, ...rest] = sets;
    const common = [...(first ?? [])].filter((sha) => rest.every((set) => set.has(sha)));
    // A common ancestor none of whose descendants is also common.
    const best = common.find((sha) =>
      common.every((other) => other === sha || !reachable(this.commits, [other]).has(sha)),
    );
    return best ?? null;
  }

  async isShallow(): Promise<boolean> {
    this.assertRepository();
    return this.options.shallow ?? false;
  }
  async repository(): Promise<RepositoryState> {
    const [topLevel, gitDir, shallow, head] = await Promise.all([
      this.topLevel(),
      this.gitDir(),
      this.isShallow(),
      this.head(),
    ]);
    return { topLevel, gitDir, shallow, head };
  }

  async tags(): Promise<TagRef[]> {
    this.assertRepository();
    return this.sortedTags();
  }

  async tagsMergedInto(rev: string): Promise<TagRef[]> {
    this.assertRepository();
    const ancestors = reachable(this.commits, [this.resolve(rev)]);
    return this.sortedTags().filter((tag) => ancestors.has(tag.commit));
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    this.assertRepository();
    const [from, to] = [this.tryResolve(ancestor), this.tryResolve(descendant)];
    return from !== null && to !== null && reachable(this.commits, [to]).has(from);
  }

  async remoteUrl(name = 'origin'): Promise<string | null> {
    this.assertRepository();
    return this.options.remotes?.[name] ?? null;
  }

  async *log(query: LogQuery): AsyncGenerator<RawCommit, void, undefined> {
    this.assertRepository();
    const window = walkFakeLog(this.commits, {
      to: this.resolve(query.to),
      exclude: query.exclude.map((rev) => this.resolve(rev)),
      firstParent: query.firstParent ?? false,
      paths: query.paths ?? [],
    });
    const planning = query.fields === 'planning' && query.withFiles !== true;
    for (const { files: _files, ...commit } of window) {
      // As CliGit: a planning log carries no author fields.
      yield planning ? { ...commit, authorName: '', authorEmail: '', authorTime: 0 } : commit;
    }
  }

  /** Small batches, so that consumers meet batch boundaries as they do with real git. */
  async *logBatches(query: LogQuery): AsyncGenerator<readonly RawCommit[], void, undefined> {
    let batch: RawCommit[] = [];
    for await (const commit of this.log(query)) {
      batch.push(commit);
      if (batch.length === 2) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  private tryResolve(rev: string): string | null {
    try {
      return this.resolve(rev);
    } catch {
      return null;
    }
  }

  private headSha(): string | null {
    if (this.detachedSha !== null) return this.detachedSha;
    return this.branches.get(this.currentBranch ?? '') ?? null;
  }

  private moveHead(sha: string): void {
    if (this.currentBranch === null) this.detachedSha = sha;
    else this.branches.set(this.currentBranch, sha);
  }

  private findSha(prefix: string): string | undefined {
    if (!/^[0-9a-f]{4,40}$/.test(prefix)) return undefined;
    const matches = [...this.commits.keys()].filter((sha) => sha.startsWith(prefix));
    return matches.length === 1 ? matches[0] : undefined;
  }

  // Git sorts refs by name byte-wise; code-unit order matches it for ASCII tag names.
  private sortedTags(): TagRef[] {
    return [...this.tagMap]
      .map(([name, commit]) => ({ name, commit }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private assertRepository(): void {
    if (this.options.notARepository === true) {
      const dir = this.options.topLevel ?? '/fake/repo';
      throw new SlipwayError('GIT_NOT_A_REPOSITORY', `${dir} is not a git repository`, {
        subject: dir,
      });
    }
  }

  private failure(message: string): SlipwayError {
    return new SlipwayError('GIT_FAILED', `fake git: ${message}`);
  }

  private dirtyTree = false;

  /** Marks tracked files as modified (or clean again), for `isDirty()`. */
  setDirty(dirty: boolean): void {
    this.dirtyTree = dirty;
  }

  async countCommits(to: string, exclude: string | null): Promise<number> {
    this.assertRepository();
    const included = reachable(this.commits, [this.resolve(to)]);
    if (exclude === null) return included.size;
    const excluded = reachable(this.commits, [this.resolve(exclude)]);
    return [...included].filter((sha) => !excluded.has(sha)).length;
  }

  async isDirty(): Promise<boolean> {
    this.assertRepository();
    return this.dirtyTree;
  }

  async shortSha(rev: string): Promise<string> {
    this.assertRepository();
    return this.resolve(rev).slice(0, 7);
  }
}
