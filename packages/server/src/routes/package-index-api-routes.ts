import { z } from 'zod';
import type { ControlPlane } from '@slipway/engine';
import { normalizeProjectName } from '@slipway/engine';
import type { ApiRoute } from '../api-route.js';
import { apiRoute } from '../api-route.js';
import {
  packageFile,
  packageParams,
  unyankBody,
  yankBody,
} from '../schemas/package-index-schemas.js';
import { definedOnly } from './defined-only.js';
import { actAs } from './token-routes.js';

/** The package index's JSON API: PEP 592 yanking (the simple API itself is read-only). */
export function packageIndexApiRoutes(controlPlane: ControlPlane): ApiRoute[] {
  const target = ({ params }: { params: { project: string } }) => ({
    service: normalizeProjectName(params.project),
  });
  return [
    apiRoute({
      method: 'POST',
      url: '/api/packages/:project/yank',
      summary:
        'yank a version (or one file) of a Python project: pip skips it unless pinned with ==',
      action: 'catalog.write',
      target,
      params: packageParams,
      body: yankBody,
      response: z.array(packageFile),
      handle: ({ params, body, token }) =>
        controlPlane.packageIndex.yank(
          { project: params.project, ...definedOnly(body) },
          actAs(token),
        ),
    }),
    apiRoute({
      method: 'POST',
      url: '/api/packages/:project/unyank',
      summary: 'take a yank back: the version (or file) is installable as before',
      action: 'catalog.write',
      target,
      params: packageParams,
      body: unyankBody,
      response: z.array(packageFile),
      handle: ({ params, body, token }) =>
        controlPlane.packageIndex.unyank({ project: params.project, ...body }, actAs(token)),
    }),
  ];
}
