export type { LockContents } from './lock-files/lock-contents.js';
export { readUvLock } from './lock-files/uv-lock.js';
export { readPoetryLock } from './lock-files/poetry-lock.js';
export { readPdmLock } from './lock-files/pdm-lock.js';
export { readRequirementsTxt } from './lock-files/requirements-txt.js';
export { readPyprojectDependencies } from './lock-files/pyproject-dependencies.js';
export type { PyprojectDependencies } from './lock-files/pyproject-dependencies.js';
export { readPackageLock } from './lock-files/package-lock.js';
export { readProjectSbom } from './read-project-sbom.js';
export type { ProjectSbom, ProjectSbomOptions } from './read-project-sbom.js';
export { canonicalRepositoryUrl, readGitFacts, sourceDateEpoch } from './git-facts.js';
export type { GitFacts } from './git-facts.js';
export { renderSbom, sbomFormats, sha256Text } from './render-sbom.js';
export type { SbomFormat } from './render-sbom.js';
export { sha256File } from './file-digest.js';
export { detectCi, localBuilderId } from './ci-environment.js';
export type { CiEnvironment } from './ci-environment.js';
export { buildProvenance } from './build-provenance.js';
export type { ProvenanceRequest } from './build-provenance.js';
export {
  keyIdOf,
  keyTypeOf,
  privateKeyFileName,
  publicKeyFileName,
  readPrivateKey,
  readPublicKey,
  signingKeyTypes,
  writeKeyPair,
} from './signing/signing-keys.js';
export type { SigningKeyType, WrittenKeyPair } from './signing/signing-keys.js';
export { signDsse, verifyDsseSignature } from './signing/dsse-signing.js';
export {
  envelopeFromJson,
  sigstoreBundleMediaType,
  toSigstoreBundle,
} from './signing/sigstore-bundle.js';
export type { SigstoreBundle } from './signing/sigstore-bundle.js';
export { verifyAttestation } from './verify-attestation.js';
export type { AttestationVerification } from './verify-attestation.js';
export { attestArtifacts, cycloneDxPredicateType } from './attest-artifacts.js';
export type { AttestRequest, AttestedArtifact } from './attest-artifacts.js';
export { verifyAttestationFile } from './verify-attestation-file.js';
export { resultStatements } from './result-statements.js';
export type { ResultFiles } from './result-statements.js';
export { changeRecordStatement } from './change-record-statement.js';
export type { ChangeRecordRequest } from './change-record-statement.js';
export type { EvidenceSource } from './bundle/evidence-source.js';
export { exportEvidenceBundle } from './bundle/export-evidence-bundle.js';
export type { ExportRequest } from './bundle/export-evidence-bundle.js';
export { verifyEvidenceBundle } from './bundle/verify-evidence-bundle.js';
export type {
  BundleFailure,
  BundleFailureCode,
  BundleVerification,
} from './bundle/verify-evidence-bundle.js';
export { importEvidenceBundle } from './bundle/import-evidence-bundle.js';
export type { ImportResult } from './bundle/import-evidence-bundle.js';
export { buildEvidenceReport } from './bundle/build-evidence-report.js';
export { changeReviewersInBundle } from './bundle/build-evidence-report.js';
export { evidenceCheckResults } from './bundle/evidence-check-results.js';
export type { EvidenceCheck } from './bundle/evidence-check-results.js';
export { openEvidenceBundle } from './bundle/open-evidence-bundle.js';
export { readTar, writeTar } from './bundle/tar-archive.js';
export type { TarEntry } from './bundle/tar-archive.js';
export type {
  EvidenceStore,
  StoredEvidence,
  StoredEvidenceBundle,
} from './store/evidence-store.js';
export { KyselyEvidenceStore } from './store/kysely-evidence-store.js';
export { FakeEvidenceStore } from './store/fake-evidence-store.js';
export type { EvidenceServiceOptions, EvidenceVerdict } from './store/evidence-service.js';
export { EvidenceService, maxEvidenceBundleBytes } from './store/evidence-service.js';
export type { EvidencePlane, EvidenceUpload } from './store/evidence-plane.js';
export {
  EmbeddedEvidencePlane,
  HttpEvidencePlane,
  evidenceKeysFromEnv,
  evidenceKeysVariable,
  evidencePath,
} from './store/evidence-plane.js';
export type { StoredEvidenceGateOptions } from './store/stored-evidence-gate.js';
export { StoredEvidenceGate, storedEvidenceActor } from './store/stored-evidence-gate.js';
export { tarBundleDirectory } from './bundle/tar-bundle-directory.js';
