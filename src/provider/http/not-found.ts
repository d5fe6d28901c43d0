import type { FastifyReply, FastifyRequest } from 'fastify'
import { ScimError } from '../../scim/scim-error.js'

/** The SCIM paths (relative to the plugin's prefix) and the methods each allows, for 405 answers. */
const ROUTES: { pattern: RegExp; methods: string[] }[] = [
  { pattern: /^\/(Users|Groups)\/?$/i, methods: ['GET', 'POST'] },
  { pattern: /^\/(Users|Groups)\/\.search\/?$/i, methods: ['POST'] },
  { pattern: /^\/\.search\/?$/i, methods: ['POST'] },
  { pattern: /^\/(Users|Groups)\/[^/]+\/?$/i, methods: ['GET', 'PUT', 'PATCH', 'DELETE'] },
  { pattern: /^\/Bulk\/?$/i, methods: ['POST'] },
  { pattern: /^\/(ServiceProviderConfig|ResourceTypes|Schemas)(\/[^/]+)?\/?$/i, methods: ['GET'] },
]

/**
 * The error for a request no route took: 405 with the allowed methods when the path exists under another method,
 * 404 otherwise. `path` is relative to the SCIM base path, without the query.
 */
export function unmatchedRouteError(method: string, path: string): { error: ScimError; allow?: string } {
  const route = ROUTES.find((r) => r.pattern.test(path))
  if (route && !route.methods.includes(method)) {
    const allow = route.methods.join(', ')
    return {
      error: new ScimError(405, undefined, `${method} is not allowed on ${path}; allowed: ${allow}`),
      allow,
    }
  }
  return { error: new ScimError(404, undefined, `No SCIM endpoint at ${path}`) }
}

/** Fastify not-found handler for the SCIM scope: 404 or 405 as SCIM errors. */
export function scimNotFoundHandler(prefix: string) {
  return (request: FastifyRequest, reply: FastifyReply): void => {
    const path = (request.url.split('?')[0] ?? '').slice(prefix.length) || '/'
    const { error, allow } = unmatchedRouteError(request.method, path)
    if (allow) reply.header('allow', allow)
    throw error
  }
}
