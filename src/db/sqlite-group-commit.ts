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
  SqliteIntrospector,
  SqliteQueryCompiler,
  type SqliteStatement,
} from 'kysely'

/** What the driver needs of a database: better-sqlite3's, whose statements have a raw mode and their columns. */
export interface RawSqliteDatabase {
  prepare(sql: string): RawSqliteStatement
  close(): void
}

export interface RawSqliteStatement extends SqliteStatement {
  /** Rows as arrays of values (true) rather than objects. */
  raw(toggle: boolean): this
  columns(): { name: string }[]
}

/**
 * Kysely's SQLite dialect with group commit. On SQLite a commit costs several times the writes it commits (a WAL
 * frame for every page the transaction dirtied), so transactions that finish in the same turn of the event loop share
 * one: each runs alone, as before, inside a savepoint of an outer transaction that commits once the turn is over.
 * A transaction that fails rolls back to its savepoint and leaves the others in; one that succeeds returns only once
 * the outer commit has succeeded, so nothing is acknowledged before it is committed. A statement outside a transaction
 * runs inside the open outer transaction when there is one: it sees the batch's writes and commits with them, but
 * returns before that commit. Reads outside transactions share a read transaction too, for the rest of the turn: on
 * SQLite in WAL mode taking and dropping the read lock costs as much as an indexed look-up itself.
 *
 * @param database better-sqlite3 (or anything that prepares statements the same way, raw mode included)
 * @param inTransaction whether the connection is inside a transaction (better-sqlite3's `inTransaction`)
 */
export function groupCommitSqliteDialect(
  database: RawSqliteDatabase,
  inTransaction: () => boolean,
): Dialect & GroupCommitControl {
  const driver = new GroupCommitDriver(database, inTransaction)
  return {
    selectNow: (query) => driver.selectNow(query),
    pauseWrites: (maxMs) => driver.pauseWrites(maxMs),
    resumeWrites: () => driver.resumeWrites(),
    createAdapter: (): DialectAdapter => new SqliteAdapter(),
    createDriver: (): Driver => driver,
    createQueryCompiler: (): QueryCompiler => new SqliteQueryCompiler(),
    createIntrospector: (db: Kysely<unknown>): DatabaseIntrospector => new SqliteIntrospector(db),
  }
}

/** What the group-commit dialect offers beside Kysely's Dialect. */
export interface GroupCommitControl {
  /**
   * Runs a compiled SELECT now, without Kysely's asynchronous connection handling, unless a transaction is running
   * on the connection (its statements must not be interleaved with others): then answers undefined.
   */
  selectNow<R>(query: CompiledQuery<R>): R[] | undefined
  /**
   * Holds new transactions and statements that may write outside one back (they wait, without blocking the event
   * loop) until resumeWrites, or for `maxMs` at most; resolves once the open batch, if any, has committed. Reads go
   * on.
   */
  pauseWrites(maxMs: number): Promise<void>
  resumeWrites(): void
}

const SAVEPOINT = 'provisio_group_commit'
/** Statements that only read and may share a read transaction (a reader can also be a pragma or have RETURNING). */
const SELECT = /^select\s/i
/** Statements that change the schema, after which a prepared `select *` may return other columns. */
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\s/i
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
    return this.driver.execute<R>(query)
  }
  // biome-ignore lint/correctness/useYield: streaming is not supported; Kysely needs the method.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported on SQLite here')
  }
}

class GroupCommitDriver implements Driver {
  #lock = new Mutex()
  #batch: Batch | undefined
  /** A read transaction is open for the SELECTs of this turn (see #beginReading). */
  #reading = false
  #readEndScheduled = false
  /** Column names of the prepared statements (see #objects). */
  #columns = new WeakMap<RawSqliteStatement, string[]>()
  /** Set while writes are paused: resolves when they resume. */
  #paused: { resumed: Promise<void>; resume(): void } | undefined

  constructor(
    private readonly database: RawSqliteDatabase,
    private readonly inTransaction: () => boolean,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.lock()
    return new Lease(this)
  }

  async beginTransaction(): Promise<void> {
    await this.#waitForResume()
    if (this.#batch && !this.inTransaction()) this.#fail(rolledBack())
    if (!this.#batch) {
      // IMMEDIATE takes the write lock now (waiting, should another process hold it) rather than at the first write,
      // where SQLite would fail a transaction whose reads saw the database before that process's write.
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
    this.#endReading()
    this.database.close()
  }

  async pauseWrites(maxMs: number): Promise<void> {
    if (!this.#paused) {
      let resume!: () => void
      const resumed = new Promise<void>((resolve) => {
        resume = resolve
      })
      // Not unref'd: while a transaction waits for the pause to end, this timer keeps the process alive.
      const timer = setTimeout(() => this.resumeWrites(), maxMs)
      this.#paused = {
        resumed,
        resume: () => {
          clearTimeout(timer)
          resume()
        },
      }
    }
    await this.#batch?.done.catch(() => {})
  }

  resumeWrites(): void {
    this.#paused?.resume()
    this.#paused = undefined
  }

  selectNow<R>(query: CompiledQuery): R[] | undefined {
    if (this.#lock.locked || !SELECT.test(query.sql)) return undefined
    return this.#rows<R>(this.database.prepare(query.sql), query, true)
  }

  /**
   * Runs a statement of a connection Kysely holds. Outside a transaction, one that may write waits out a pause like a
   * transaction does: it would commit on its own, and a write during the pause keeps the log from starting over.
   */
  async execute<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#paused && !SELECT.test(query.sql) && !this.inTransaction()) await this.#waitForResume()
    return this.run<R>(query)
  }

  /** Waits while writes are paused, letting go of the connection meanwhile: reads and the batch's commit go on. */
  async #waitForResume(): Promise<void> {
    while (this.#paused) {
      this.#lock.unlock()
      await this.#paused.resumed
      await this.#lock.lock()
    }
  }

  /** Runs one statement on the connection. */
  run<R>(query: CompiledQuery): QueryResult<R> {
    const statement = this.database.prepare(query.sql)
    if (statement.reader) return { rows: this.#rows<R>(statement, query, SELECT.test(query.sql)) }
    this.#endReading()
    if (SCHEMA_CHANGE.test(query.sql)) this.#columns = new WeakMap()
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

  /** A reader's rows: a SELECT shares the turn's read transaction; another reader (a pragma, RETURNING) ends it. */
  #rows<R>(statement: RawSqliteStatement, query: CompiledQuery, select: boolean): R[] {
    if (select) this.#beginReading()
    else this.#endReading()
    return this.#objects<R>(statement, statement.raw(true).all(query.parameters) as unknown[][])
  }

  /**
   * Raw rows as objects. better-sqlite3 makes row objects through V8's API, one property at a time on V8's slow path;
   * turning its arrays into objects here costs about half as much. A statement's column names are read once (again
   * after a schema change here, or when the row length shows one elsewhere: `select *` may then return other columns).
   */
  #objects<R>(statement: RawSqliteStatement, rows: unknown[][]): R[] {
    let names = this.#columns.get(statement)
    if (!names || (rows.length > 0 && rows[0].length !== names.length)) {
      names = statement.columns().map((column) => column.name)
      this.#columns.set(statement, names)
    }
    const objects = new Array<R>(rows.length)
    for (let r = 0; r < rows.length; r++) {
      const values = rows[r]
      const object: Record<string, unknown> = {}
      for (let i = 0; i < names.length; i++) object[names[i]] = values[i]
      objects[r] = object as R
    }
    return objects
  }

  /**
   * Before a SELECT outside a transaction: opens a read transaction that the turn's other SELECTs share, ended once
   * the turn is over, or before anything else runs (a write must not upgrade it: another process may have written).
   */
  #beginReading(): void {
    if (this.inTransaction()) return
    this.database.prepare('begin').run([])
    this.#reading = true
    if (this.#readEndScheduled) return
    this.#readEndScheduled = true
    setImmediate(() => {
      this.#readEndScheduled = false
      this.#endReading()
    })
  }

  #endReading(): void {
    if (!this.#reading) return
    this.#reading = false
    if (this.inTransaction()) this.database.prepare('commit').run([])
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

  get locked(): boolean {
    return this.#locked
  }

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
