import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { type CompiledQuery, Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { startCheckpointer } from './checkpointer.js'
import { PgliteDialect } from './pglite-dialect.js'
import {
  type GroupCommitControl,
  groupCommitSqliteDialect,
  type RawSqliteDatabase,
} from './sqlite-group-commit.js'
import type { Tables } from './tables/index.js'

/**
 * Where the data lives: a SQLite file (or `:memory:`), a PostgreSQL URL, or an in-process PGlite (tests). For SQLite,
 * `walRestartBytes` is how much the write-ahead log may hold before the checkpointer restarts it (default 256 MB).
 */
export type DatabaseConfig =
  | { kind: 'sqlite'; file: string; walRestartBytes?: number }
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir?: string }

export type SqlDialect = 'sqlite' | 'postgres'

/** An open database: the Kysely handle, which SQL dialect it speaks, and how to close it. */
export interface Database {
  readonly db: Kysely<Tables>
  readonly dialect: SqlDialect
  close(): Promise<void>
}

/**
 * Opens a database. SQLite runs in WAL mode with `synchronous=NORMAL`, foreign keys on, temporary data in memory,
 * and group commit (transactions of one event-loop turn share a commit: sqlite-group-commit.ts).
 *
 * @example const database = await openDatabase({ kind: 'sqlite', file: 'data/provisio.db' })
 */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === 'sqlite') {
    if (config.file !== ':memory:') mkdirSync(dirname(config.file), { recursive: true })
    const sqlite = new SQLite(config.file)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('busy_timeout = 5000')
    // Group commit runs each transaction in a savepoint, whose journal of changed pages SQLite spills to a temporary
    // file past 64 KB: two pwrites a page, most of a commit's system calls. In memory it is freed at each commit.
    sqlite.pragma('temp_store = MEMORY')
    const dialect = groupCommitSqliteDialect(withStatementCache(sqlite), () => sqlite.inTransaction)
    const checkpointer =
      config.file === ':memory:'
        ? undefined
        : startCheckpointer(sqlite, config.file, dialect, config.walRestartBytes)
    const db = new Kysely<Tables>({ dialect })
    synchronous.set(db, dialect)
    return {
      db,
      dialect: 'sqlite',
      close: async () => {
        // The database first: closing it commits an open batch, which must not wait for a turn of the event loop.
        await db.destroy()
        await checkpointer?.terminate()
      },
    }
  }
  if (config.kind === 'postgres') {
    // int8 (count(*), bigserial) as JS numbers: every value we store fits in 2^53.
    pg.types.setTypeParser(20, (v) => Number(v))
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 })
    // An idle connection the server closes (restart, failover, a dropped database) is discarded by the pool; without
    // a listener its error would end the process.
    pool.on('error', (error) =>
      process.emitWarning(`a PostgreSQL connection closed and was discarded: ${error.message}`),
    )
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) })
    return { db, dialect: 'postgres', close: () => db.destroy() }
  }
  const { PGlite } = await import('@electric-sql/pglite')
  const pglite = new PGlite(config.dataDir)
  const db = new Kysely<Tables>({ dialect: new PgliteDialect(pglite) })
  return { db, dialect: 'postgres', close: () => db.destroy() }
}

/** SQLite databases, which can run a SELECT synchronously. */
const synchronous = new WeakMap<Kysely<Tables>, GroupCommitControl>()

/**
 * The rows of a compiled SELECT. On SQLite, when no transaction is running on the connection, it runs at once:
 * better-sqlite3 is synchronous, and Kysely's asynchronous connection handling costs more than an indexed look-up.
 * A transaction handle (`trx`) always goes through Kysely.
 */
export async function selectRows<R>(db: Kysely<Tables>, query: CompiledQuery<R>): Promise<R[]> {
  return synchronous.get(db)?.selectNow<R>(query) ?? (await db.executeQuery(query)).rows
}

const STATEMENT_CACHE_SIZE = 1000

/**
 * better-sqlite3 with prepared statements kept by SQL text: Kysely prepares every query anew, which costs more than
 * running most of ours. Two generations approximate least-recently-used without writing on every hit: statements
 * go into the young one, which becomes the old one once it holds half the cache; a hit in the old one moves the
 * statement back. A statement still iterating is never handed out twice.
 */
function withStatementCache(sqlite: SQLite.Database): RawSqliteDatabase {
  let young = new Map<string, SQLite.Statement>()
  let old = new Map<string, SQLite.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const recent = young.get(text)
      if (recent && !recent.busy) return recent
      const older = recent ? undefined : old.get(text)
      const statement = older && !older.busy ? older : sqlite.prepare(text)
      young.set(text, statement)
      if (young.size >= STATEMENT_CACHE_SIZE / 2) {
        old = young
        young = new Map()
      }
      return statement
    },
  }
}
