import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { type Database, type DatabaseConfig, openDatabase } from '../../src/db/database.js'
import { migrate } from '../../src/db/migrate.js'

/** The PostgreSQL server tests use when set (CI sets it); without it the PostgreSQL dialect runs on PGlite. */
export const TEST_PG_URL = process.env.PROVISIO_TEST_DATABASE_URL

export interface TestDatabase {
  name: 'sqlite' | 'postgres' | 'pglite'
  /** A fresh, migrated, empty database, and the config that opens it again (for a second process or a server). */
  create(): Promise<{ database: Database; config: DatabaseConfig; drop(): Promise<void> }>
}

/** Opens and migrates the database at `config`; `cleanUp` runs after it is closed. */
async function openMigrated(config: DatabaseConfig, cleanUp: () => Promise<void> | void = () => {}) {
  const database = await openDatabase(config)
  await migrate(database)
  return {
    database,
    config,
    async drop() {
      await database.close()
      await cleanUp()
    },
  }
}

const sqlite: TestDatabase = {
  name: 'sqlite',
  async create() {
    const { mkdtempSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dir = mkdtempSync(join(tmpdir(), 'provisio-test-'))
    return openMigrated({ kind: 'sqlite', file: join(dir, 'test.db') }, () =>
      rmSync(dir, { recursive: true, force: true }),
    )
  },
}

const postgres: TestDatabase = {
  name: 'postgres',
  async create() {
    const name = `provisio_test_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: TEST_PG_URL })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
    await admin.end()
    const url = new URL(TEST_PG_URL!)
    url.pathname = `/${name}`
    return openMigrated({ kind: 'postgres', url: url.toString() }, async () => {
      const c = new pg.Client({ connectionString: TEST_PG_URL })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    })
  },
}

const pglite: TestDatabase = {
  name: 'pglite',
  async create() {
    return openMigrated({ kind: 'pglite' })
  },
}

/**
 * The databases every store test runs on: SQLite, and PostgreSQL (a real server when PROVISIO_TEST_DATABASE_URL is
 * set, PGlite otherwise). Loop over them with `describe.each(TEST_DATABASES)`.
 */
export const TEST_DATABASES: TestDatabase[] = [sqlite, TEST_PG_URL ? postgres : pglite]
