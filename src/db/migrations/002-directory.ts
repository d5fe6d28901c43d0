import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../database.js'

/** Tables of the directory layer. */
export function directoryMigration(_dialect: SqlDialect): Migration {
  return {
    async up(_db: Kysely<unknown>) {},
  }
}
