import { SlipwayError } from '@slipway/core';

/** Longest name this renderer gives: a label value's limit, so names work as labels too. */
export const maxKubernetesName = 63;

/**
 * A DNS-1123 label made from Slipway names (`@acme/Shop_API` → `acme-shop-api`): lowercase
 * letters, digits and `-`, starting and ending with a letter or digit, 63 characters at most.
 */
export function kubernetesName(text: string, field: string): string {
  const name = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, maxKubernetesName)
    .replace(/^-+|-+$/g, '');
  if (name === '') {
    throw new SlipwayError(
      'CONFIG_INVALID',
      `${field} ${JSON.stringify(text)}: no Kubernetes name can be made of it`,
      { subject: field, hint: 'use letters and digits' },
    );
  }
  return name;
}
