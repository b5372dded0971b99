import type { ControlPlane } from '../../control-plane/control-plane.js';

/** What an export reads from the control plane (embedded or remote): the release and its deployments. */
export type EvidenceSource = Pick<
  ControlPlane,
  'getRelease' | 'getArtifact' | 'history' | 'listCheckResults'
>;
