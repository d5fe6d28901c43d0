import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../database.js'

/** Tables of the engine layer. */
export function engineMigration(_dialect: SqlDialect): Migration {
  return {
    async up(_db: Kysely<unknown>) {},
  }
}
