import { SlipwayError, type MetricSource } from '@slipway/core';

/** A provider handed a source of another kind: a wiring mistake, named with both kinds. */
export function wrongSource(provider: string, source: MetricSource): SlipwayError {
  return new SlipwayError(
    'CONFIG_INVALID',
    `the ${provider} metrics provider cannot measure a ${Object.keys(source).join()} source`,
    { subject: 'source' },
  );
}
