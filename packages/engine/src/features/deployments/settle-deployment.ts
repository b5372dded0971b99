import type { LedgerEventInput } from '../ledger/ledger-event.js';
import { boundLog } from './bounded-log.js';
import type { DeployerOutcome } from './deployer.js';
import { deploymentEvent } from './deployment-events.js';
import type { Deployment } from './deployment-record.js';
import type { DeploymentUnit, EnvironmentState } from './deployment-store.js';

export async function settleDeployment(
  unit: DeploymentUnit,
  deployment: Deployment,
  outcome: DeployerOutcome,
  current: EnvironmentState | undefined,
  actor: string,
  time: string,
): Promise<{ deployment: Deployment; events: LedgerEventInput[] }> {
  const settled: Deployment = {
    ...deployment,
    status: outcome.status,
    logs: boundLog(deployment.logs + outcome.logs),
    updatedAt: time,
    finishedAt: outcome.status === 'in_progress' ? null : time,
  };
  await unit.update(settled);
  if (outcome.status === 'in_progress') {
    return { deployment: settled, events: [deploymentEvent('progress', settled, actor)] };
  }
  const events = [deploymentEvent(outcome.status, settled, actor)];
  if (outcome.status === 'succeeded') {
    if (settled.action === 'rollback' && current !== undefined) {
      const replaced = await unit.get(current.deploymentId);
      if (replaced !== undefined && replaced.status === 'succeeded') {
        const rolledBack: Deployment = { ...replaced, status: 'rolled_back', updatedAt: time };
        await unit.update(rolledBack);
        events.push(deploymentEvent('rolled_back', rolledBack, actor, { by: settled.id }));
      }
    }
    await unit.setCurrent({
      service: settled.service,
      environment: settled.environment,
      deploymentId: settled.id,
      version: settled.version,
      digests: settled.digests,
      deployedAt: time,
      actor: settled.actor,
    });
  }
  return { deployment: settled, events };
}
