import { SlipwayError } from '@slipway/core';
import type { ControlPlane } from '@slipway/engine';
import { HttpControlPlane } from '@slipway/engine';

/** The control plane of a running `slipway serve`, authenticated with SLIPWAY_TOKEN. */
export function openRemoteControlPlane(url: string, env: NodeJS.ProcessEnv): ControlPlane {
  const token = env['SLIPWAY_TOKEN']?.trim();
  if (token === undefined || token === '') {
    throw new SlipwayError('USAGE', `SLIPWAY_TOKEN is not set: the server ${url} needs a token`, {
      subject: 'SLIPWAY_TOKEN',
      hint: 'create one with `slipway token create --role releaser` (on the server’s database)',
    });
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SlipwayError('USAGE', `--server ${url} is not a URL (e.g. http://127.0.0.1:8080)`, {
      subject: 'server',
    });
  }
  return new HttpControlPlane({ url: parsed.href.replace(/\/$/, ''), token });
}
