import { z } from 'zod';
import type { ControlPlane } from '@slipway/engine';
import type { ApiRoute } from '../api-route.js';
import { apiRoute } from '../api-route.js';
import {
  changeRequest,
  changeRequestView,
  changeRequestsQuery,
  closeReviewBody,
  commitAuthor,
  decisionBody,
  releaseAuthorsBody,
  requestIdParams,
  review,
  reviewsQuery,
} from '../schemas/approval-schemas.js';
import { checkParams } from '../schemas/policy-schemas.js';
import { definedOnly } from './defined-only.js';
import { actAs } from './token-routes.js';

export function approvalRoutes(controlPlane: ControlPlane): ApiRoute[] {
  /** Scoped tokens decide on requests of their services and environments only. */
  const requestTarget = async ({ params }: { params: { id: string } }) => {
    const found = await controlPlane.getChangeRequest(params.id);
    return { service: found.service, env: found.environment };
  };
  return [
    apiRoute({
      method: 'POST',
      url: '/api/services/:service/releases/:ref/authors',
      summary:
        'record the authors of a release’s commits: none of them may approve its deployments',
      action: 'releases.create',
      target: ({ params }) => ({ service: params.service }),
      params: checkParams,
      body: releaseAuthorsBody,
      response: z.array(commitAuthor),
      handle: ({ params, body, token }) =>
        controlPlane.recordReleaseAuthors(params.service, params.ref, body.authors, actAs(token)),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/change-requests',
      summary: 'change requests, newest first',
      action: 'catalog.read',
      target: ({ query }) => (query.service === undefined ? {} : { service: query.service }),
      query: changeRequestsQuery,
      response: z.array(changeRequest),
      handle: ({ query }) => controlPlane.listChangeRequests(definedOnly(query)),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/change-requests/:id',
      summary: 'one change request: what the approver must see, and the decisions so far',
      action: 'catalog.read',
      target: requestTarget,
      params: requestIdParams,
      response: changeRequestView,
      handle: ({ params }) => controlPlane.getChangeRequest(params.id),
    }),
    apiRoute({
      method: 'POST',
      url: '/api/change-requests/:id/approve',
      summary:
        'approve a change request; refused to its requester and the release’s authors, and once per person',
      action: 'approvals.decide',
      target: requestTarget,
      params: requestIdParams,
      body: decisionBody,
      response: changeRequestView,
      handle: ({ params, body, token }) =>
        controlPlane.approveChange(params.id, definedOnly(body), {
          ...actAs(token),
          roles: [token.role],
        }),
    }),
    apiRoute({
      method: 'POST',
      url: '/api/change-requests/:id/reject',
      summary: 'reject a change request, with a comment saying why',
      action: 'approvals.decide',
      target: requestTarget,
      params: requestIdParams,
      body: decisionBody,
      response: changeRequestView,
      handle: ({ params, body, token }) =>
        controlPlane.rejectChange(params.id, definedOnly(body), {
          ...actAs(token),
          roles: [token.role],
        }),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/reviews',
      summary: 'post-release reviews of break-glass deployments, by due date',
      action: 'catalog.read',
      query: reviewsQuery,
      response: z.array(review),
      handle: ({ query }) => controlPlane.listReviews(definedOnly(query)),
    }),
    apiRoute({
      method: 'POST',
      url: '/api/reviews/:id/close',
      summary: 'close a post-release review with a summary of what happened',
      action: 'deployments.create',
      params: requestIdParams,
      body: closeReviewBody,
      response: review,
      handle: ({ params, body, token }) =>
        controlPlane.closeReview(params.id, body.summary, actAs(token)),
    }),
  ];
}
