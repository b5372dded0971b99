import { readFile } from 'node:fs/promises';
import type { CiContext } from './ci-context.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The title of the pull request this run builds: from the CI's variable, or on GitHub Actions
 * from the event payload (`GITHUB_EVENT_PATH`), which no variable carries. Null when unknown.
 */
export async function pullRequestTitle(ci: CiContext, env: Env): Promise<string | null> {
  if (ci.pullRequest === null) return null;
  if (ci.pullRequest.title !== null) return ci.pullRequest.title;
  const eventPath = env['GITHUB_EVENT_PATH'];
  if (ci.name !== 'github-actions' || eventPath === undefined || eventPath === '') return null;
  try {
    const event = JSON.parse(await readFile(eventPath, 'utf8')) as {
      pull_request?: { title?: unknown };
    };
    const title = event.pull_request?.title;
    return typeof title === 'string' ? title : null;
  } catch {
    // An unreadable payload only means the title is not checked.
    return null;
  }
}
