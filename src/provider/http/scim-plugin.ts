import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { ScimError } from '../../scim/scim-error.js'
import type { Authenticated, ProviderStore } from '../store/types.js'
import { recordActivity } from './activity-hook.js'
import { cachedAuthenticator } from './authenticator.js'
import { BEARER_CHALLENGE, bearerToken } from './bearer-token.js'
import { registerScimContentTypes, SCIM_CONTENT_TYPE } from './content-types.js'
import { resolveLimits, type ScimLimits } from './limits.js'
import { scimNotFoundHandler } from './not-found.js'
import { DEFAULT_RATE_LIMIT, type RateLimitConfig, RateLimitedError, RateLimiter } from './rate-limiter.js'
import { registerBulkRoute } from './routes/bulk-route.js'
import { registerDiscoveryRoutes } from './routes/discovery-routes.js'
import { registerResourceRoutes } from './routes/resource-routes.js'
import { registerSearchRoutes } from './routes/search-routes.js'
import { ScimRequestContext } from './scim-context.js'
import { toScimHttpError } from './scim-errors.js'

/** Options of the SCIM plugin. */
export interface ScimPluginOptions {
  store: ProviderStore
  /** Limits to enforce and advertise; defaults in DEFAULT_LIMITS. */
  limits?: Partial<ScimLimits>
  /** Per-token rate limit; default DEFAULT_RATE_LIMIT (1000/s, bursts of 2000); false turns it off. */
  rateLimit?: RateLimitConfig | false
  /**
   * The SCIM base URL as clients see it (e.g. `https://api.example.com/scim/v2`), for Location and meta.location.
   * Default: derived from each request's protocol and Host header plus the plugin's prefix.
   */
  baseUrl?: string
  /** How long a successful token look-up is reused, in ms (default 5,000; 0 = always ask the store). */
  authCacheMs?: number
  /** Milliseconds clock for the rate limiter and the auth cache; default Date.now. */
  now?: () => number
}

/** What the route modules share. */
export interface ScimRouteDeps {
  store: ProviderStore
  limits: ScimLimits
  /** The SCIM base URL for this request, without a trailing slash. */
  baseUrl(request: FastifyRequest): string
}

/**
 * The SCIM 2.0 service provider as a Fastify plugin: /Users, /Groups, /.search, /Bulk, /ServiceProviderConfig,
 * /ResourceTypes, /Schemas and /Me (501), for every tenant at one URL; the bearer token selects the tenant.
 * Register it with the base path as prefix, in an app whose router ignores trailing slashes (clients send
 * `/Users/?filter=…`). Errors are RFC 7644 §3.12 bodies; answers are application/scim+json.
 *
 * @example
 * const app = Fastify({ routerOptions: { ignoreTrailingSlash: true } })
 * app.register(scimPlugin, { prefix: '/scim/v2', store })
 */
export const scimPlugin: FastifyPluginAsync<ScimPluginOptions> = async (app: FastifyInstance, options) => {
  const limits = resolveLimits(options.limits)
  const prefix = app.prefix
  const now = options.now ?? Date.now
  const authenticate = cachedAuthenticator(options.store.tenants, { ttlMs: options.authCacheMs, now })
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT
  const limiter = rateLimit === false ? undefined : new RateLimiter(rateLimit, now)
  const fixedBase = options.baseUrl?.replace(/\/+$/, '')
  const deps: ScimRouteDeps = {
    store: options.store,
    limits,
    baseUrl: (request) => fixedBase ?? `${request.protocol}://${request.host}${prefix}`,
  }

  registerScimContentTypes(app)
  app.decorateRequest('scim', null)

  /** Lets an authenticated request in (its SCIM context set), or gives the error to answer with: 401 or 429. */
  const admit = (
    request: FastifyRequest,
    reply: FastifyReply,
    token: string | undefined,
    auth: Authenticated | undefined,
  ): Error | undefined => {
    if (!auth) {
      reply.header('www-authenticate', BEARER_CHALLENGE)
      return new ScimError(
        401,
        undefined,
        token === undefined
          ? 'Authentication required: send the tenant\'s token as "Authorization: Bearer <token>"'
          : 'The bearer token is not valid: it is unknown, revoked, or its tenant has Employee Provisioning off',
      )
    }
    try {
      limiter?.take(auth.tokenId)
    } catch (error) {
      return error as Error
    }
    const { tenant, tokenId } = auth
    request.scim = new ScimRequestContext(
      tenant,
      tokenId,
      options.store.resources(tenant.id),
      options.store.tenants,
    )
    return undefined
  }
  // A callback hook, not an async one: a token found in the cache lets the request on without a promise.
  app.addHook('onRequest', (request, reply, done) => {
    const token = bearerToken(request.headers.authorization)
    const auth = token === undefined ? undefined : authenticate(token)
    if (auth instanceof Promise) auth.then((found) => done(admit(request, reply, token, found)), done)
    else done(admit(request, reply, token, auth))
  })
  recordActivity(app, options.store.activity, prefix)
  app.addHook('onClose', () => options.store.activity.flush())

  app.setErrorHandler((err, request, reply) => {
    const { error, internal } = toScimHttpError(err, request.routeOptions.bodyLimit ?? limits.maxBodyBytes)
    if (internal) request.log.error({ err }, 'SCIM request failed')
    if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds))
    if (error.status === 401) reply.header('www-authenticate', BEARER_CHALLENGE)
    return reply.code(error.status).type(SCIM_CONTENT_TYPE).send(error.toBody())
  })
  app.setNotFoundHandler(scimNotFoundHandler(prefix))

  app.all('/Me', async () => {
    throw new ScimError(
      501,
      undefined,
      '/Me is not supported: a bearer token identifies a tenant, not a user',
    )
  })
  registerDiscoveryRoutes(app, deps)
  registerResourceRoutes(app, deps)
  registerSearchRoutes(app, deps)
  registerBulkRoute(app, deps)
}
