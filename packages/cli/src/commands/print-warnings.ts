import type { PackagePlan, PlanWarning } from '@slipway/core';
import type { Output } from '../output.js';

const shasShown = 5;

export function printWarnings(warnings: readonly PlanWarning[], output: Output): void {
  for (const warning of warnings) {
    const commits = warning.commits ?? [];
    const listed = commits.slice(0, shasShown).map((sha) => sha.slice(0, 7));
    const more = commits.length > shasShown ? `, … ${commits.length - shasShown} more` : '';
    output.warn(
      listed.length === 0 ? warning.message : `${warning.message}: ${listed.join(', ')}${more}`,
    );
  }
}

/** The warnings of several packages' plans; those they share (branch, configuration) once. */
export function printPlanWarnings(plans: readonly PackagePlan[], output: Output): void {
  const seen = new Set<string>();
  for (const plan of plans) {
    printWarnings(
      plan.warnings.filter((warning) => !seen.has(warning.message) && seen.add(warning.message)),
      output,
    );
  }
}
