import type { RuleFinding } from './guardrail-types.js';

/**
 * What git says about one commit's signature. `allowed` is git's own verdict (`git verify-commit`
 * exits 0): a good signature by a key in the configured GPG keyring or SSH allowed-signers file.
 */
export interface CommitSignature {
  readonly sha: string;
  /** `%G?`: G good, U good but unknown validity, B bad, X/Y expired, R revoked, E unverifiable, N none. */
  readonly status: string;
  /** The signer (GPG user id or SSH principal), empty when unknown. */
  readonly signer: string;
  /** Key id or SSH key fingerprint, empty when unsigned. */
  readonly key: string;
  readonly allowed: boolean;
}

const statusText: Readonly<Record<string, string>> = {
  N: 'is not signed',
  B: 'has a bad signature',
  X: 'has an expired signature',
  Y: 'is signed by an expired key',
  R: 'is signed by a revoked key',
  E: 'is signed by a key that is not in the allowed keyring',
  U: 'is signed by a key that is not an allowed signer',
  G: 'is signed, but git did not accept the signature',
};

/** Every commit carries a signature git accepts from an allowed signer. */
export function checkSignatures(signatures: readonly CommitSignature[]): RuleFinding[] {
  return signatures
    .filter((signature) => !signature.allowed)
    .map((signature) => {
      const key = signature.key === '' ? '' : ` (key ${signature.key})`;
      const text = statusText[signature.status] ?? `has signature status ${signature.status}`;
      return {
        rule: 'signed' as const,
        commit: signature.sha,
        message: `${signature.sha.slice(0, 7)} ${text}${key}`,
      };
    });
}
