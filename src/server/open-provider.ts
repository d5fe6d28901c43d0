import { type Database, openDatabase } from '../db/database.js'
import { migrate } from '../db/migrate.js'
import { openProviderStore } from '../provider/store/open-provider-store.js'
import type { ProviderStore } from '../provider/store/types.js'
import type { ServerConfig } from './config.js'
import { resolveSecret } from './secret.js'

/** An open, migrated database with the provider store on it. */
export interface OpenProvider {
  database: Database
  store: ProviderStore
  close(): Promise<void>
}

/**
 * Opens the configured database, brings its schema up to date and opens the provider store on it, with the server
 * secret as cursor key. The server and the CLI both start here, so they can share one data directory.
 */
export async function openProvider(config: ServerConfig): Promise<OpenProvider> {
  const secret = resolveSecret(config)
  const database = await openDatabase(config.database)
  try {
    await migrate(database)
  } catch (error) {
    await database.close()
    throw error
  }
  const store = openProviderStore(database, { cursorSecret: secret })
  return { database, store, close: () => database.close() }
}

/** Like openProvider on a database its caller opened and will close: `close()` leaves it open. */
export async function openProviderOn(database: Database, config: ServerConfig): Promise<OpenProvider> {
  await migrate(database)
  const store = openProviderStore(database, { cursorSecret: resolveSecret(config) })
  return { database, store, close: async () => {} }
}
