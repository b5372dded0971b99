import type { FlagFile } from '@slipway/core';

export const checkoutFlags: FlagFile = {
  flags: {
    'new-checkout': {
      state: 'ENABLED',
      variants: { on: true, off: false },
      defaultVariant: 'off',
    },
    'banner-color': {
      state: 'ENABLED',
      variants: { red: 'red', blue: 'blue' },
      defaultVariant: 'red',
      targeting: { if: [{ $ref: 'is-staff' }, 'blue', null] },
    },
  },
  $evaluators: { 'is-staff': { ends_with: [{ var: 'email' }, '@example.com'] } },
  metadata: { team: 'payments' },
};

/** Schema-invalid: a state flagd does not know, and a default variant that is no variant. */
export const brokenFlags = {
  flags: {
    'new-checkout': { state: 'ON', variants: { on: true }, defaultVariant: 'on' },
    other: { state: 'ENABLED', variants: { a: 1 }, defaultVariant: 'b' },
  },
};
