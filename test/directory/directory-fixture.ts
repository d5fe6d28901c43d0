import type { Database, DatabaseConfig } from '../../src/db/database.js'
import { type Directory, openDirectory } from '../../src/directory/index.js'
import type { TestDatabase } from '../support/databases.js'

/** A directory on a fresh test database, with a clock tests move and ids that sort in creation order. */
export interface DirectoryFixture {
  database: Database
  /** Opens the same database again (for a second connection or process). */
  config: DatabaseConfig
  directory: Directory
  /** Moves the clock forward. */
  advance(days: number): void
  drop(): Promise<void>
}

/** Opens a directory on a fresh database of the given kind. */
export async function directoryFixture(kind: TestDatabase): Promise<DirectoryFixture> {
  const { database, config, drop } = await kind.create()
  let now = Date.parse('2026-01-01T00:00:00.000Z')
  let counter = 0
  const directory = openDirectory(database, {
    clock: () => new Date(now),
    newId: () => `id-${String(++counter).padStart(6, '0')}`,
  })
  return {
    database,
    config,
    directory,
    advance(days) {
      now += days * 86_400_000
    },
    drop,
  }
}
