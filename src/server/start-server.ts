import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import type { Database } from '../db/database.js'
import { startScheduler } from '../engine/scheduler.js'
import type { ProviderStore } from '../provider/store/types.js'
import { buildApp } from './build-app.js'
import type { ServerConfig } from './config.js'
import { type OpenProvider, openProvider, openProviderOn } from './open-provider.js'

/** A running server. */
export interface RunningServer {
  /** Where it listens, e.g. `http://127.0.0.1:8080` (the real port when configured with 0). */
  url: string
  app: FastifyInstance
  store: ProviderStore
  database: Database
  /** The server key: signs cursors and encrypts apps' secret tokens. */
  secretKey: Buffer
  /** Stops accepting requests, finishes those in flight and closes the database. */
  close(): Promise<void>
}

/** Options of startServer. */
export interface StartOptions {
  /**
   * An open database to serve instead of `config.database` (tests, benchmarks). It is migrated but not closed by
   * `close()`: its owner closes it.
   */
  database?: Database
}

/**
 * Starts Provisio: opens and migrates the database, builds the application, listens on the configured host and
 * port, and runs the provisioning scheduler (started jobs' cycles) in-process. On a failure to listen the database is closed again.
 *
 * @example const server = await startServer(loadConfig({ port: 0, data: dir }, {})); await server.close()
 */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const provider: OpenProvider = options.database
    ? await openProviderOn(options.database, config)
    : await openProvider(config)
  const app = buildApp({ config, store: provider.store })
  try {
    await app.listen({ host: config.host, port: config.port })
  } catch (error) {
    await app.close().catch(() => {})
    await provider.close()
    throw error
  }
  const scheduler = startScheduler({
    database: provider.database,
    secretKey: provider.secretKey,
    onCycle: (jobId, { summary, error }) => {
      if (summary)
        app.log.info({ jobId, cycle: summary.kind, counts: summary.counts }, 'provisioning cycle finished')
      else app.log.warn({ jobId, err: error }, 'provisioning cycle failed')
    },
  })
  const { port } = app.server.address() as AddressInfo
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  let closed: Promise<void> | undefined
  return {
    url: `http://${host}:${port}`,
    app,
    store: provider.store,
    database: provider.database,
    secretKey: provider.secretKey,
    close: () => {
      closed ??= scheduler
        .stop()
        .then(() => app.close())
        .then(() => provider.close())
      return closed
    },
  }
}
