import { SlipwayError } from '@slipway/core';
import type { ControlPlane } from '@slipway/engine';
import type { ApiRoute } from '../api-route.js';
import { apiRoute } from '../api-route.js';
import {
  evidenceBundle,
  evidenceUpload,
  evidenceUploadBody,
  storedEvidence,
} from '../schemas/evidence-schemas.js';
import { releaseParams } from '../schemas/registry-schemas.js';
import { actAs } from './token-routes.js';

/** The evidence bundle of a release: uploaded (verified with the server's keys) and fetched. */
export function evidenceRoutes(controlPlane: ControlPlane): ApiRoute[] {
  return [
    apiRoute({
      method: 'POST',
      url: '/api/releases/:service/:version/evidence',
      summary:
        'store the release’s evidence bundle (tar, application/octet-stream); it must verify with a key the server trusts (SLIPWAY_EVIDENCE_KEYS), else 409 with every reason',
      action: 'checks.record',
      target: ({ params }) => ({ service: params.service }),
      params: releaseParams,
      body: evidenceUploadBody,
      upload: true,
      status: 201,
      response: evidenceUpload,
      handle: async ({ params, stream, token }) => {
        if (stream === undefined) throw new SlipwayError('INTERNAL', 'upload without a body');
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
        return controlPlane.evidence.uploadEvidence(
          params.service,
          params.version,
          Buffer.concat(chunks),
          actAs(token),
        );
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/api/releases/:service/:version/evidence',
      summary: 'what the server stores of the release’s evidence: digest, manifest, signing key',
      action: 'catalog.read',
      target: ({ params }) => ({ service: params.service }),
      params: releaseParams,
      response: storedEvidence,
      handle: ({ params }) => controlPlane.evidence.getEvidence(params.service, params.version),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/releases/:service/:version/evidence/bundle',
      summary: 'the stored evidence bundle itself (tar bytes, base64), to verify anywhere',
      action: 'catalog.read',
      target: ({ params }) => ({ service: params.service }),
      params: releaseParams,
      response: evidenceBundle,
      handle: async ({ params }) => {
        const evidence = await controlPlane.evidence.getEvidence(params.service, params.version);
        const content = await controlPlane.evidence.downloadEvidence(
          params.service,
          params.version,
        );
        return { ...evidence, content: content.toString('base64') };
      },
    }),
  ];
}
