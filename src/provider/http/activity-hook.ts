import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ActivityLog } from '../store/types.js'

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Records each authenticated SCIM request that changed something (or tried to) in the tenant's activity log: token
 * id, method, path, resource, status, outcome, duration. Searches (`POST …/.search`) are not changes; Bulk records
 * one entry per operation. Recording never fails a request (the log keeps what it cannot write yet, and warns).
 *
 * The hook goes on the routes of changing methods only (register this before the routes): Fastify watches every
 * response of a route with an onResponse hook, which costs a read a noticeable share of its time.
 */
export function recordActivity(app: FastifyInstance, activity: ActivityLog, prefix: string): void {
  const hook = activityHook(activity, prefix)
  app.addHook('onRoute', (route) => {
    if (![route.method].flat().some((method) => CHANGING.has(method))) return
    route.onResponse = [route.onResponse ?? []].flat().concat(hook)
  })
}

/** The onResponse hook that writes a request's activity entries. */
function activityHook(activity: ActivityLog, prefix: string) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const ctx = request.scim
    if (!ctx || !CHANGING.has(request.method)) return
    const notes = ctx.activity ?? [
      {
        method: request.method,
        path: (request.url.split('?')[0] ?? '').slice(prefix.length),
        resourceType: ctx.resourceType ?? null,
        resourceId: ctx.resourceId ?? null,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
      },
    ]
    for (const note of notes) {
      await activity.record({
        tenantId: ctx.tenant.id,
        tokenId: ctx.tokenId,
        ...note,
        outcome: note.status < 400 ? 'success' : 'failure',
      })
    }
  }
}
