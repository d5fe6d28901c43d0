import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../database.js'

/** Tables of the provider layer. */
export function providerMigration(_dialect: SqlDialect): Migration {
  return {
    async up(_db: Kysely<unknown>) {},
  }
}
