import Fastify, { type FastifyInstance, LogController } from 'fastify'
import { scimPlugin } from '../provider/http/scim-plugin.js'
import type { ProviderStore } from '../provider/store/types.js'
import { type ServerConfig, scimUrl } from './config.js'

/** The parts the HTTP application is built from. */
export interface AppParts {
  config: ServerConfig
  store: ProviderStore
}

/** The base path of the SCIM endpoint; every tenant shares it. */
const SCIM_PREFIX = '/scim/v2'

/**
 * The Fastify application: pino logging (Authorization and cookies redacted) and the SCIM provider at /scim/v2.
 * The admin API and the console, when they exist (not built yet), mount here too, each as its own plugin.
 */
export function buildApp({ config, store }: AppParts): FastifyInstance {
  const app = Fastify({
    // No logger at all when it would log nothing: pino makes a child logger for every request.
    logger: config.logLevel !== 'silent' && {
      level: config.logLevel,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    // Per-request lines only at debug/trace: at info they would cost more than a SCIM request itself.
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false },
  })
  app.register(scimPlugin, {
    prefix: SCIM_PREFIX,
    store,
    baseUrl: config.publicUrl ? scimUrl(config) : undefined,
    rateLimit:
      config.rateLimitPerSecond > 0
        ? { perSecond: config.rateLimitPerSecond, burst: config.rateLimitPerSecond * 2 }
        : false,
  })
  return app
}
