import type { FastifyInstance } from 'fastify'
import { ScimError } from '../../../scim/scim-error.js'
import type { ResourceTypeName } from '../../store/types.js'
import { listResources } from '../resource-operations.js'
import { scimContext } from '../scim-context.js'
import type { ScimRouteDeps } from '../scim-plugin.js'
import { operationRequest, sendResult } from '../send-result.js'

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
      const body = searchRequest(request.body)
      const req = operationRequest(request, deps, type)
      req.attributes = joined(body.attributes, 'attributes')
      req.excludedAttributes = joined(body.excludedAttributes, 'excludedAttributes')
      return sendResult(reply, await listResources(req, body, deps.limits))
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

function searchRequest(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ScimError(400, 'invalidSyntax', 'The body of a search must be a SearchRequest JSON object')
  }
  return body as Record<string, unknown>
}

/** SearchRequest attribute lists are JSON arrays; the query-string form is comma-separated text. */
function joined(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return value
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',')
  throw new ScimError(400, 'invalidValue', `${name} must be an array of attribute names`)
}
