import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely'
import type { Database } from './database.js'
import { migrations } from './migrations/index.js'

/** Brings the schema up to date. Throws with the failing migration's name and cause. */
export async function migrate(database: Database): Promise<void> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {}
      for (const [name, make] of Object.entries(migrations)) {
        out[name] = make(database.dialect)
      }
      return out
    },
  }
  const migrator = new Migrator({ db: database.db as Kysely<unknown>, provider })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`database migration ${failed} failed: ${(error as Error).message}`, { cause: error })
  }
}
