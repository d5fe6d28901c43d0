import type { FastifyInstance, FastifyRequest } from 'fastify'
import { listResponse } from '../../../scim/messages/list-response.js'
import { resourceTypeResources, schemaResources } from '../../../scim/schema/discovery-resources.js'
import {
  OAUTH_BEARER_TOKEN_SCHEME,
  serviceProviderConfig,
} from '../../../scim/schema/service-provider-config.js'
import { ScimError } from '../../../scim/scim-error.js'
import { SCIM_CONTENT_TYPE } from '../content-types.js'
import { scimContext } from '../scim-context.js'
import type { ScimRouteDeps } from '../scim-plugin.js'

/**
 * Registers /ServiceProviderConfig, /ResourceTypes(/{id}) and /Schemas(/{urn}), generated from the limits the
 * plugin enforces and the tenant's own schemas (its custom User extension included). Discovery needs the token
 * like every other endpoint: the schemas differ per tenant, and the token is what names the tenant.
 */
export function registerDiscoveryRoutes(app: FastifyInstance, deps: ScimRouteDeps): void {
  const { limits } = deps
  const capabilities = {
    patch: true,
    bulk: { maxOperations: limits.bulkMaxOperations, maxPayloadSize: limits.bulkMaxPayloadBytes },
    filter: { maxResults: limits.maxPageSize },
    changePassword: false,
    sort: true,
    etag: true,
    authenticationSchemes: [OAUTH_BEARER_TOKEN_SCHEME],
    pagination: {
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index' as const,
      defaultPageSize: limits.defaultPageSize,
      maxPageSize: limits.maxPageSize,
    },
  }
  const registry = async (request: FastifyRequest) => (await scimContext(request).schemas()).registry

  app.get('/ServiceProviderConfig', async (request, reply) => {
    refuseFilter(request)
    return reply.type(SCIM_CONTENT_TYPE).send(serviceProviderConfig(capabilities, deps.baseUrl(request)))
  })
  app.get('/Schemas', async (request, reply) => {
    refuseFilter(request)
    const resources = schemaResources(await registry(request), deps.baseUrl(request))
    return reply
      .type(SCIM_CONTENT_TYPE)
      .send(listResponse(resources, { totalResults: resources.length, startIndex: 1 }))
  })
  app.get('/Schemas/:id', async (request, reply) => {
    const { id } = request.params as { id: string }
    const found = schemaResources(await registry(request), deps.baseUrl(request)).find(
      (s) => s.id.toLowerCase() === id.toLowerCase(),
    )
    if (!found) throw new ScimError(404, undefined, `No schema "${id}"; GET /Schemas lists them`)
    return reply.type(SCIM_CONTENT_TYPE).send(found)
  })
  app.get('/ResourceTypes', async (request, reply) => {
    refuseFilter(request)
    const resources = resourceTypeResources(await registry(request), deps.baseUrl(request))
    return reply
      .type(SCIM_CONTENT_TYPE)
      .send(listResponse(resources, { totalResults: resources.length, startIndex: 1 }))
  })
  app.get('/ResourceTypes/:id', async (request, reply) => {
    const { id } = request.params as { id: string }
    const found = resourceTypeResources(await registry(request), deps.baseUrl(request)).find(
      (t) => t.id.toLowerCase() === id.toLowerCase() || t.name.toLowerCase() === id.toLowerCase(),
    )
    if (!found) throw new ScimError(404, undefined, `No resource type "${id}"; GET /ResourceTypes lists them`)
    return reply.type(SCIM_CONTENT_TYPE).send(found)
  })
}

/** RFC 7644 §4: discovery endpoints do not filter; a filter is answered 403 so no client trusts it was applied. */
function refuseFilter(request: FastifyRequest): void {
  if ((request.query as Record<string, unknown>).filter !== undefined) {
    throw new ScimError(403, undefined, 'Discovery endpoints do not support filter (RFC 7644 §4)')
  }
}
