import { CliGit } from '../../adapters/git/cli-git.js';
import { CliGuardrailGit } from '../../adapters/git/cli-guardrail-git.js';
import { loadConfig } from '../../config/load-config.js';
import { GuardrailCheckService } from './guardrail-check-service.js';

/** The check service for the project in `dir`, over real git, with its `[check]` configuration. */
export async function createGuardrailCheckServiceFor(dir: string): Promise<GuardrailCheckService> {
  const { config } = await loadConfig(dir);
  return new GuardrailCheckService(
    new CliGit({ cwd: dir }),
    new CliGuardrailGit({ cwd: dir }),
    config.check,
    dir,
  );
}
