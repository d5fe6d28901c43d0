import type { FastifyRequest } from 'fastify'
import { parseSearchParams, type SearchRequest } from '../../scim/messages/search-request.js'
import type { ResourceTypeName } from '../store/types.js'
import { patchAnswersMinimal } from './preferences.js'
import type { OperationRequest } from './resource-operations.js'
import { scimContext } from './scim-context.js'
import type { ScimRouteDeps } from './scim-plugin.js'

/**
 * The operation an HTTP request describes: its tenant, id, body, projection and precondition headers. `search` is the
 * request's query parameters, when the caller has parsed them already.
 */
export function operationRequest(
  request: FastifyRequest,
  deps: ScimRouteDeps,
  type: ResourceTypeName,
  id?: string,
  search: SearchRequest = parseSearchParams(request.query as Record<string, unknown>),
): OperationRequest {
  const ctx = scimContext(request)
  ctx.resourceType = type
  if (id !== undefined) ctx.resourceId = id
  return {
    ctx,
    baseUrl: deps.baseUrl(request),
    type,
    id,
    body: request.body,
    attributes: search.attributes,
    excludedAttributes: search.excludedAttributes,
    ifMatch: header(request, 'if-match'),
    ifNoneMatch: header(request, 'if-none-match'),
    minimal: patchAnswersMinimal(
      request.headers.prefer,
      type,
      search.attributes !== undefined || search.excludedAttributes !== undefined,
    ),
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value.join(', ') : value
}
