import type { FastifyInstance } from 'fastify'
import { parseSearchRequest, type SearchRequest } from '../../../scim/messages/search-request.js'
import { ScimError } from '../../../scim/scim-error.js'
import type { ResourceTypeName } from '../../store/types.js'
import { operationRequest } from '../operation-request.js'
import { listResources } from '../resource-operations.js'
import { scimContext } from '../scim-context.js'
import type { ScimRouteDeps } from '../scim-plugin.js'
import { sendResult } from '../send-result.js'

const ROOT_SEARCH =
  'Searching across resource types is not supported: POST the SearchRequest to /Users/.search or /Groups/.search'

/**
 * Registers POST /Users/.search and /Groups/.search (RFC 7644 §3.4.3: the list parameters in a SearchRequest body,
 * for filters too long for a URL), and answers the root search (POST /.search, GET /) with 501.
 */
export function registerSearchRoutes(app: FastifyInstance, deps: ScimRouteDeps): void {
  const searches: [endpoint: string, type: ResourceTypeName][] = [
    ['Users', 'User'],
    ['Groups', 'Group'],
  ]
  for (const [endpoint, type] of searches) {
    app.post(`/${endpoint}/.search`, { bodyLimit: deps.limits.maxBodyBytes }, async (request, reply) => {
      scimContext(request).activity = []
      const search = parseSearchRequest(request.body)
      const req = { ...operationRequest(request, deps, type), ...pick(search) }
      return sendResult(reply, await listResources(req, search, deps.limits))
    })
  }
  app.post('/.search', async (request) => {
    scimContext(request).activity = []
    throw new ScimError(501, undefined, ROOT_SEARCH)
  })
  app.get('/', async () => {
    throw new ScimError(501, undefined, ROOT_SEARCH)
  })
}

/** The projection of a SearchRequest (it replaces any from the query string). */
function pick(search: SearchRequest): { attributes?: string[]; excludedAttributes?: string[] } {
  return { attributes: search.attributes, excludedAttributes: search.excludedAttributes }
}
