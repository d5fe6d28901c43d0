import { type Database, openDatabase } from '../db/database.js'
import { migrate } from '../db/migrate.js'
import { loadSecretKey } from '../engine/secret-key.js'
import { openProviderStore } from '../provider/store/open-provider-store.js'
import type { ProviderStore } from '../provider/store/types.js'
import type { ServerConfig } from './config.js'

/** An open, migrated database with the provider store on it, and the server's secret key. */
export interface OpenProvider {
  database: Database
  store: ProviderStore
  /** The 32-byte server key: signs cursors and encrypts apps' secret tokens at rest. */
  secretKey: Buffer
  close(): Promise<void>
}

/** The server key: PROVISIO_SECRET_KEY (config.secret) when set, else `<dataDir>/secret.key`, created on first use. */
export function serverSecretKey(config: Pick<ServerConfig, 'secret' | 'dataDir'>): Buffer {
  return loadSecretKey({ dataDir: config.dataDir, env: { PROVISIO_SECRET_KEY: config.secret } })
}

/**
 * Opens the configured database, brings its schema up to date and opens the provider store on it, with the server
 * secret as cursor key. The server and the CLI both start here, so they can share one data directory.
 */
export async function openProvider(config: ServerConfig): Promise<OpenProvider> {
  const secretKey = serverSecretKey(config)
  const database = await openDatabase(config.database)
  try {
    await migrate(database)
  } catch (error) {
    await database.close()
    throw error
  }
  const store = openProviderStore(database, { cursorSecret: secretKey.toString('hex') })
  return { database, store, secretKey, close: () => database.close() }
}

/** Like openProvider on a database its caller opened and will close: `close()` leaves it open. */
export async function openProviderOn(database: Database, config: ServerConfig): Promise<OpenProvider> {
  await migrate(database)
  const secretKey = serverSecretKey(config)
  const store = openProviderStore(database, { cursorSecret: secretKey.toString('hex') })
  return { database, store, secretKey, close: async () => {} }
}
