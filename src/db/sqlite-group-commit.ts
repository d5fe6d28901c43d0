import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely'

/**
 * Kysely's SQLite dialect with group commit. On SQLite a commit costs several times the writes it commits (a WAL
 * frame for every page the transaction dirtied), so transactions that finish in the same turn of the event loop share
 * one: each runs alone, as before, inside a savepoint of an outer transaction that commits once the turn is over.
 * A transaction that fails rolls back to its savepoint and leaves the others in; one that succeeds returns only once
 * the outer commit has succeeded, so nothing is acknowledged before it is committed. A statement outside a transaction
 * runs inside the open outer transaction when there is one: it sees the batch's writes and commits with them, but
 * returns before that commit.
 *
 * @param database better-sqlite3 (or anything that prepares statements the same way)
 * @param inTransaction whether the connection is inside a transaction (better-sqlite3's `inTransaction`)
 */
export function groupCommitSqliteDialect(database: SqliteDatabase, inTransaction: () => boolean): Dialect {
  return {
    createAdapter: (): DialectAdapter => new SqliteAdapter(),
    createDriver: (): Driver => new GroupCommitDriver(database, inTransaction),
    createQueryCompiler: (): QueryCompiler => new SqliteQueryCompiler(),
    createIntrospector: (db: Kysely<unknown>): DatabaseIntrospector => new SqliteIntrospector(db),
  }
}

const SAVEPOINT = 'provisio_group_commit'
/** The error of commits whose batch SQLite rolled back by itself (a disk error does that). */
const rolledBack = () => new Error('SQLite rolled back the batch of transactions this one was committed in')

/** One outer transaction: the commits waiting for it. */
interface Batch {
  done: Promise<void>
  settle(error?: unknown): void
}

function newBatch(): Batch {
  let settle!: Batch['settle']
  const done = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === undefined ? resolve() : reject(error))
  })
  // A batch nobody waits on (only statements outside transactions) must not become an unhandled rejection.
  done.catch(() => {})
  return { done, settle }
}

/** A connection handed out once: releasing it twice (early on commit, then by Kysely) unlocks only once. */
class Lease implements DatabaseConnection {
  released = false
  constructor(private readonly driver: GroupCommitDriver) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.run<R>(query)
  }
  // biome-ignore lint/correctness/useYield: streaming is not supported; Kysely needs the method.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported on SQLite here')
  }
}

class GroupCommitDriver implements Driver {
  #lock = new Mutex()
  #batch: Batch | undefined

  constructor(
    private readonly database: SqliteDatabase,
    private readonly inTransaction: () => boolean,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.lock()
    return new Lease(this)
  }

  async beginTransaction(): Promise<void> {
    if (this.#batch && !this.inTransaction()) this.#fail(rolledBack())
    if (!this.#batch) {
      // IMMEDIATE takes the write lock now (waiting out a checkpoint that restarts the log) rather than at the first
      // write, where SQLite would fail a transaction whose reads saw the log before the restart.
      this.run(CompiledQuery.raw('begin immediate'))
      this.#batch = newBatch()
      setImmediate(() => void this.#flush())
    }
    this.run(CompiledQuery.raw(`savepoint ${SAVEPOINT}`))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    this.run(CompiledQuery.raw(`release ${SAVEPOINT}`))
    const batch = this.#batch as Batch
    this.#release(connection as Lease)
    await batch.done
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // Released: its commit was accepted and then the batch failed; nothing of it is left to undo.
    if ((connection as Lease).released) return
    if (this.inTransaction()) {
      this.run(CompiledQuery.raw(`rollback to ${SAVEPOINT}`))
      this.run(CompiledQuery.raw(`release ${SAVEPOINT}`))
    } else {
      this.#fail(rolledBack())
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.#release(connection as Lease)
  }

  async destroy(): Promise<void> {
    if (this.#batch) await this.#flush()
    this.database.close()
  }

  /** Runs one statement on the connection. */
  run<R>(query: CompiledQuery): QueryResult<R> {
    const statement = this.database.prepare(query.sql)
    if (statement.reader) return { rows: statement.all(query.parameters) as R[] }
    const { changes, lastInsertRowid } = statement.run(query.parameters)
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] }
  }

  #release(lease: Lease): void {
    if (lease.released) return
    lease.released = true
    this.#lock.unlock()
  }

  /** Commits the open batch once the transaction running now (if any) is done. */
  async #flush(): Promise<void> {
    await this.#lock.lock()
    const batch = this.#batch
    this.#batch = undefined
    try {
      if (batch && this.inTransaction()) {
        try {
          this.run(CompiledQuery.raw('commit'))
          batch.settle()
        } catch (error) {
          if (this.inTransaction()) this.run(CompiledQuery.raw('rollback'))
          batch.settle(error)
        }
      } else batch?.settle(rolledBack())
    } finally {
      this.#lock.unlock()
    }
  }

  /** Fails the open batch that SQLite has already rolled back (a disk error does that). */
  #fail(error: Error): void {
    this.#batch?.settle(error)
    this.#batch = undefined
  }
}

/** A lock for the one connection, handed to waiters in the order they asked. */
class Mutex {
  #locked = false
  #waiting: (() => void)[] = []

  lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true
      return Promise.resolve()
    }
    return new Promise((resolve) => this.#waiting.push(resolve))
  }

  unlock(): void {
    const next = this.#waiting.shift()
    if (next) next()
    else this.#locked = false
  }
}
