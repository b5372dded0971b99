export type { ImageReference } from './image-reference.js';
export {
  formatImageReference,
  manifestReference,
  ociDigestPattern,
  ociTagPattern,
  parseImageReference,
} from './image-reference.js';
export type { OciDescriptor, OciManifestDocument, OciPlatform } from './oci-media-types.js';
export {
  acceptedManifestTypes,
  isIndexType,
  ociMediaTypes,
  parseManifest,
  platformName,
  sha256Digest,
} from './oci-media-types.js';
export type { AuthChallenge, RegistryCredentials } from './registry-auth.js';
export { parseAuthChallenge } from './registry-auth.js';
export type { FetchedManifest, OciRegistryClientOptions } from './oci-registry-client.js';
export { OciRegistryClient } from './oci-registry-client.js';
export type { CopyReport, ImageLocation } from './copy-image.js';
export { copyImage, verifyImage } from './copy-image.js';
export type { AttachedAttestation, AttestationInput } from './attestations.js';
export {
  attachAttestation,
  attestationTag,
  dsseEnvelopeMediaType,
  listAttestations,
} from './attestations.js';
