import type { DsseEnvelope } from '@slipway/core';
import { SlipwayError } from '@slipway/core';

export const sigstoreBundleMediaType = 'application/vnd.dev.sigstore.bundle.v0.3+json';

/**
 * A Sigstore bundle v0.3 for a key-signed DSSE envelope: the public key is referred to by its
 * hint (the key id); there is no certificate, transparency-log entry or timestamp, so verifiers
 * must be given the key and told to need none of those (thresholds 0).
 */
export interface SigstoreBundle {
  readonly mediaType: typeof sigstoreBundleMediaType;
  readonly verificationMaterial: {
    readonly publicKey: { readonly hint: string };
    readonly tlogEntries: readonly [];
    readonly timestampVerificationData: { readonly rfc3161Timestamps: readonly [] };
  };
  readonly dsseEnvelope: DsseEnvelope;
}

export function toSigstoreBundle(envelope: DsseEnvelope): SigstoreBundle {
  const hint = envelope.signatures[0]?.keyid ?? '';
  return {
    mediaType: sigstoreBundleMediaType,
    verificationMaterial: {
      publicKey: { hint },
      tlogEntries: [],
      timestampVerificationData: { rfc3161Timestamps: [] },
    },
    dsseEnvelope: {
      payload: envelope.payload,
      payloadType: envelope.payloadType,
      signatures: envelope.signatures.map((s) => ({ sig: s.sig, keyid: s.keyid ?? hint })),
    },
  };
}

/** The DSSE envelope inside a Sigstore bundle, or inside a `.intoto.jsonl` line (a bare envelope). */
export function envelopeFromJson(text: string, source: string): DsseEnvelope {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SlipwayError('USAGE', `${source} is not JSON`, { subject: source, cause: error });
  }
  const candidate =
    isRecord(value) && isRecord(value['dsseEnvelope']) ? value['dsseEnvelope'] : value;
  if (
    !isRecord(candidate) ||
    typeof candidate['payload'] !== 'string' ||
    typeof candidate['payloadType'] !== 'string' ||
    !Array.isArray(candidate['signatures']) ||
    !candidate['signatures'].every((s: unknown) => isRecord(s) && typeof s['sig'] === 'string')
  ) {
    throw new SlipwayError(
      'USAGE',
      `${source} holds no DSSE envelope (payload, payloadType, signatures)`,
      {
        subject: source,
      },
    );
  }
  return candidate as unknown as DsseEnvelope;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
