import type { FastifyInstance, FastifyRequest } from 'fastify'
import { parseSearchParams } from '../../../scim/messages/search-request.js'
import type { ResourceTypeName } from '../../store/types.js'
import { operationRequest } from '../operation-request.js'
import {
  createResource,
  deleteResource,
  getResource,
  listResources,
  type OperationResult,
  patchResource,
  replaceResource,
} from '../resource-operations.js'
import type { ScimRouteDeps } from '../scim-plugin.js'
import { sendResult } from '../send-result.js'

const TYPES: [endpoint: string, type: ResourceTypeName][] = [
  ['Users', 'User'],
  ['Groups', 'Group'],
]

/** Registers POST, GET (list and by id), PUT, PATCH and DELETE on /Users and /Groups. */
export function registerResourceRoutes(app: FastifyInstance, deps: ScimRouteDeps): void {
  const bodyLimit = deps.limits.maxBodyBytes
  for (const [endpoint, type] of TYPES) {
    const byId = (request: FastifyRequest) =>
      operationRequest(request, deps, type, (request.params as { id: string }).id)
    const noted = (request: FastifyRequest, result: OperationResult) => {
      if (result.id && request.scim) request.scim.resourceId = result.id
      return result
    }
    app.get(`/${endpoint}`, async (request, reply) => {
      const search = parseSearchParams(request.query as Record<string, unknown>)
      return sendResult(
        reply,
        await listResources(operationRequest(request, deps, type, undefined, search), search, deps.limits),
      )
    })
    app.post(`/${endpoint}`, { bodyLimit }, async (request, reply) =>
      sendResult(reply, noted(request, await createResource(operationRequest(request, deps, type)))),
    )
    app.get(`/${endpoint}/:id`, async (request, reply) => sendResult(reply, await getResource(byId(request))))
    app.put(`/${endpoint}/:id`, { bodyLimit }, async (request, reply) =>
      sendResult(reply, await replaceResource(byId(request))),
    )
    app.patch(`/${endpoint}/:id`, { bodyLimit }, async (request, reply) =>
      sendResult(reply, await patchResource(byId(request))),
    )
    app.delete(`/${endpoint}/:id`, async (request, reply) =>
      sendResult(reply, await deleteResource(byId(request))),
    )
  }
}
