import type { FastifyInstance } from 'fastify'
import { executeBulk } from '../bulk-operations.js'
import { SCIM_CONTENT_TYPE } from '../content-types.js'
import { scimContext } from '../scim-context.js'
import type { ScimRouteDeps } from '../scim-plugin.js'

/**
 * Registers POST /Bulk (RFC 7644 §3.7): operations run in order, bulkId references resolved across them,
 * failOnErrors honoured, maxOperations and maxPayloadSize enforced (413) as advertised.
 */
export function registerBulkRoute(app: FastifyInstance, deps: ScimRouteDeps): void {
  app.post('/Bulk', { bodyLimit: deps.limits.bulkMaxPayloadBytes }, async (request, reply) => {
    const ctx = scimContext(request)
    ctx.activity = []
    const body = await executeBulk(request.body, {
      ctx,
      baseUrl: deps.baseUrl(request),
      limits: deps.limits,
      now: () => performance.now(),
    })
    return reply.code(200).type(SCIM_CONTENT_TYPE).send(body)
  })
}
