import {
  BASE_EPOCH_SECONDS,
  DATE_STEP_SECONDS,
  TEST_IDENTITY,
  toEpochSeconds,
  type Identity,
  type RepoStep,
  type StepDate,
} from './repo-steps.js';

type FileMap = ReadonlyMap<string, string>;

interface CommitNode {
  readonly mark: number;
  readonly parents: readonly CommitNode[];
  readonly files: FileMap;
}

/** The outcome of turning steps into one `git fast-import` stream. */
export interface FastImportScript {
  readonly stream: string;
  /** The branch HEAD names at the end, or null when HEAD is detached. */
  readonly headBranch: string | null;
  /** When detached: the tag whose commit HEAD points at. */
  readonly detachedAtTag: string | null;
  readonly commitCount: number;
}

/** Paths are always C-quoted, so spaces, quotes and newlines in names need no special case. */
function quotePath(path: string): string {
  const escaped = path
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t');
  return `"${escaped}"`;
}

function data(text: string): string {
  return `data ${Buffer.byteLength(text, 'utf8')}\n${text}\n`;
}

function ancestors(node: CommitNode): Set<CommitNode> {
  const seen = new Set<CommitNode>();
  const stack = [node];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...next.parents);
  }
  return seen;
}

/** A merge base good enough for hand-written test histories: the newest common ancestor. */
function mergeBase(a: CommitNode, b: CommitNode): CommitNode | null {
  const ofB = ancestors(b);
  let best: CommitNode | null = null;
  for (const candidate of ancestors(a)) {
    if (ofB.has(candidate) && (best === null || candidate.mark > best.mark)) best = candidate;
  }
  return best;
}

function threeWay(
  base: FileMap,
  ours: FileMap,
  theirs: FileMap,
  what: string,
): Map<string, string> {
  const merged = new Map<string, string>();
  const paths = new Set([...base.keys(), ...ours.keys(), ...theirs.keys()]);
  for (const path of paths) {
    const [b, o, t] = [base.get(path), ours.get(path), theirs.get(path)];
    let result: string | undefined;
    if (o === t || t === b) result = o;
    else if (o === b) result = t;
    else throw new Error(`createGitRepo: ${what} conflicts on ${path}`);
    if (result !== undefined) merged.set(path, result);
  }
  return merged;
}

/** Writes the file-map difference as fast-import modify/delete commands. */
function treeDelta(from: FileMap, to: FileMap): string {
  let out = '';
  for (const path of from.keys()) if (!to.has(path)) out += `D ${quotePath(path)}\n`;
  for (const [path, content] of to) {
    if (from.get(path) !== content) out += `M 100644 inline ${quotePath(path)}\n${data(content)}`;
  }
  return out;
}

/** Turns the steps into a fast-import stream, simulating branches and checkouts in memory. */
export function buildFastImportScript(
  steps: readonly RepoStep[],
  defaultBranch: string,
): FastImportScript {
  const branches = new Map<string, CommitNode | null>([[defaultBranch, null]]);
  const tags = new Map<string, CommitNode>();
  let currentBranch: string | null = defaultBranch;
  let detached: { node: CommitNode; tag: string } | null = null;
  let stream = '';
  let marks = 0;
  let clock = BASE_EPOCH_SECONDS - DATE_STEP_SECONDS;

  const tickClock = (date: StepDate | undefined): number => {
    clock = date === undefined ? clock + DATE_STEP_SECONDS : toEpochSeconds(date);
    return clock;
  };
  const headNode = (): CommitNode | null =>
    detached !== null ? detached.node : (branches.get(currentBranch ?? '') ?? null);
  const requireBranch = (what: string): string => {
    if (currentBranch === null) throw new Error(`createGitRepo: cannot ${what} on a detached HEAD`);
    return currentBranch;
  };

  const writeCommit = (
    branch: string,
    message: string,
    parents: readonly CommitNode[],
    files: FileMap,
    author: Identity,
    when: number,
  ): CommitNode => {
    marks += 1;
    const node: CommitNode = { mark: marks, parents, files };
    const text = message.endsWith('\n') ? message : `${message}\n`;
    stream += `commit refs/heads/${branch}\nmark :${marks}\n`;
    stream += `author ${author.name} <${author.email}> ${when} +0000\n`;
    stream += `committer ${TEST_IDENTITY.name} <${TEST_IDENTITY.email}> ${when} +0000\n`;
    stream += data(text);
    const [first, ...rest] = parents;
    // Without `from`, fast-import would continue the branch tip it remembers, which a
    // simulated fast-forward never told it about; explicit parents keep both views in step.
    if (first !== undefined) stream += `from :${first.mark}\n`;
    for (const other of rest) stream += `merge :${other.mark}\n`;
    stream += treeDelta(first?.files ?? new Map(), files);
    stream += '\n';
    return node;
  };

  for (const step of steps) {
    if ('commit' in step) {
      const branch = requireBranch('commit');
      const parent = branches.get(branch) ?? null;
      const files = new Map(parent?.files ?? []);
      const changes = step.files ?? { [`commit-${marks + 1}.txt`]: `commit ${marks + 1}\n` };
      for (const [path, content] of Object.entries(changes)) {
        if (content === null) files.delete(path);
        else files.set(path, content);
      }
      const when = tickClock(step.date);
      const node = writeCommit(
        branch,
        step.commit,
        parent === null ? [] : [parent],
        files,
        step.author ?? TEST_IDENTITY,
        when,
      );
      branches.set(branch, node);
    } else if ('tag' in step) {
      const node = headNode();
      if (node === null) throw new Error(`createGitRepo: cannot tag ${step.tag} before a commit`);
      if (tags.has(step.tag)) throw new Error(`createGitRepo: tag ${step.tag} already exists`);
      tags.set(step.tag, node);
      if (step.annotated === true || step.message !== undefined) {
        const when = tickClock(undefined);
        stream += `tag ${step.tag}\nfrom :${node.mark}\n`;
        stream += `tagger ${TEST_IDENTITY.name} <${TEST_IDENTITY.email}> ${when} +0000\n`;
        stream += data(step.message ?? `Release ${step.tag}\n`);
      } else {
        stream += `reset refs/tags/${step.tag}\nfrom :${node.mark}\n\n`;
      }
    } else if ('branch' in step) {
      if (branches.has(step.branch)) throw new Error(`createGitRepo: branch ${step.branch} exists`);
      branches.set(step.branch, headNode());
      currentBranch = step.branch;
      detached = null;
    } else if ('checkout' in step) {
      const tagged = tags.get(step.checkout);
      if (branches.has(step.checkout)) {
        currentBranch = step.checkout;
        detached = null;
      } else if (tagged !== undefined) {
        currentBranch = null;
        detached = { node: tagged, tag: step.checkout };
      } else {
        throw new Error(`createGitRepo: no branch or tag named ${step.checkout}`);
      }
    } else {
      const branch = requireBranch('merge');
      const ours = branches.get(branch) ?? null;
      const theirs = branches.get(step.merge);
      if (theirs === undefined || theirs === null) {
        throw new Error(`createGitRepo: cannot merge ${step.merge}: no such branch or no commits`);
      }
      if (ours !== null && ancestors(ours).has(theirs)) continue; // already up to date
      if (ours === null || (step.noFf !== true && ancestors(theirs).has(ours))) {
        branches.set(branch, theirs);
        continue;
      }
      const base = mergeBase(ours, theirs);
      const what = `merging ${step.merge} into ${branch}`;
      const files = threeWay(base?.files ?? new Map(), ours.files, theirs.files, what);
      const message =
        step.message ??
        (branch === defaultBranch
          ? `Merge branch '${step.merge}'`
          : `Merge branch '${step.merge}' into ${branch}`);
      const when = tickClock(step.date);
      branches.set(
        branch,
        writeCommit(branch, message, [ours, theirs], files, TEST_IDENTITY, when),
      );
    }
  }

  // Set every branch explicitly: a branch that never got its own commit still needs its ref.
  for (const [name, node] of branches) {
    if (node !== null) stream += `reset refs/heads/${name}\nfrom :${node.mark}\n\n`;
  }
  stream += 'done\n';
  return {
    stream,
    headBranch: currentBranch,
    detachedAtTag: detached?.tag ?? null,
    commitCount: marks,
  };
}
