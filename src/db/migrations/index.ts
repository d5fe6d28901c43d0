import type { Migration } from 'kysely'
import type { SqlDialect } from '../database.js'
import { providerMigration } from './001-provider.js'
import { directoryMigration } from './002-directory.js'
import { engineMigration } from './003-engine.js'

/** Every migration by name, in the order they run. Each takes the dialect, for the few places DDL differs. */
export const migrations: Record<string, (dialect: SqlDialect) => Migration> = {
  '001-provider': providerMigration,
  '002-directory': directoryMigration,
  '003-engine': engineMigration,
}
