import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { CompiledQuery, Kysely, sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Database, openDatabase, selectRows } from '../../src/db/database.js'
import { groupCommitSqliteDialect } from '../../src/db/sqlite-group-commit.js'

// Transactions on SQLite share commits (src/db/sqlite-group-commit.ts); these tests watch the file through a second
// connection, which sees only what was committed.
describe('SQLite group commit', () => {
  let dir: string
  let database: Database
  let observer: SQLite.Database
  const db = () => database.db as unknown as Kysely<{ t: { x: string } }>
  const committed = () =>
    (observer.prepare('select x from t order by x').all() as { x: string }[]).map((r) => r.x)
  const insert = (x: string) => db().insertInto('t').values({ x }).execute()

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'provisio-group-commit-'))
    database = await openDatabase({ kind: 'sqlite', file: join(dir, 'g.db') })
    await sql`create table t (x text primary key)`.execute(database.db)
    observer = new SQLite(join(dir, 'g.db'), { readonly: true })
  })
  afterEach(async () => {
    observer.close()
    await database.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('a transaction returns only once its writes are committed, concurrent ones alike', async () => {
    const seen: string[][] = []
    await Promise.all(
      ['a', 'b', 'c'].map((x) =>
        db()
          .transaction()
          .execute((trx) => trx.insertInto('t').values({ x }).execute())
          .then(() => seen.push(committed())),
      ),
    )
    for (const view of seen) expect(view).toEqual(['a', 'b', 'c'])
  })

  it('a failing transaction among concurrent ones undoes only its own writes', async () => {
    await insert('taken')
    const results = await Promise.allSettled([
      db()
        .transaction()
        .execute((trx) => trx.insertInto('t').values({ x: 'first' }).execute()),
      db()
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto('t').values({ x: 'second' }).execute()
          await trx.insertInto('t').values({ x: 'taken' }).execute()
        }),
      db()
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto('t').values({ x: 'third' }).execute()
          throw new Error('changed my mind')
        }),
      db()
        .transaction()
        .execute((trx) => trx.insertInto('t').values({ x: 'fourth' }).execute()),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled'])
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/)
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/changed my mind/)
    expect(committed()).toEqual(['first', 'fourth', 'taken'])
  })

  it('transactions stay isolated from each other: one runs at a time, each sees the last one’s writes', async () => {
    await insert('0')
    const increments = Array.from({ length: 20 }, () =>
      db()
        .transaction()
        .execute(async (trx) => {
          const rows = await trx.selectFrom('t').select('x').execute()
          const top = Math.max(...rows.map((r) => Number(r.x)))
          await new Promise((resolve) => setImmediate(resolve))
          await trx
            .insertInto('t')
            .values({ x: String(top + 1).padStart(2, '0') })
            .execute()
        }),
    )
    await Promise.all(increments)
    expect(committed()).toHaveLength(21)
  })

  it('statements outside transactions run inside an open batch and commit with it', async () => {
    const inside = db()
      .transaction()
      .execute((trx) => trx.insertInto('t').values({ x: 'in' }).execute())
    const outside = insert('out')
    const read = db().selectFrom('t').select('x').execute()
    await Promise.all([inside, outside])
    expect((await read).map((r) => r.x).sort()).toEqual(['in', 'out'])
    await new Promise((resolve) => setImmediate(resolve))
    expect(committed()).toEqual(['in', 'out'])
  })

  it('a write after reads in the same turn is not held up by their shared read transaction', async () => {
    await insert('mine')
    const writer = new SQLite(join(dir, 'g.db'))
    try {
      // The read opens a read transaction for the rest of the turn; another connection commits meanwhile.
      expect(await db().selectFrom('t').select('x').execute()).toHaveLength(1)
      writer.prepare("insert into t values ('theirs')").run()
      // Written from inside that read transaction, this would fail: its snapshot is older than the file.
      await insert('after')
      await db()
        .transaction()
        .execute((trx) => trx.insertInto('t').values({ x: 'in a transaction' }).execute())
    } finally {
      writer.close()
    }
    expect(committed()).toEqual(['after', 'in a transaction', 'mine', 'theirs'])
  })

  it('a read in a later turn sees what another connection committed', async () => {
    const writer = new SQLite(join(dir, 'g.db'))
    try {
      expect(await db().selectFrom('t').select('x').execute()).toEqual([])
      writer.prepare("insert into t values ('theirs')").run()
      await new Promise((resolve) => setImmediate(resolve))
      expect(await db().selectFrom('t').select('x').execute()).toEqual([{ x: 'theirs' }])
    } finally {
      writer.close()
    }
  })

  it('a synchronous read waits for a running transaction rather than seeing its uncommitted writes', async () => {
    let paused!: () => void
    const pausedInside = new Promise<void>((resolve) => {
      paused = resolve
    })
    const failing = db()
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('t').values({ x: 'undone' }).execute()
        paused()
        await new Promise((resolve) => setTimeout(resolve, 20))
        throw new Error('rolled back')
      })
    await pausedInside
    const rows = await selectRows(
      database.db,
      CompiledQuery.raw('select x from t', []) as CompiledQuery<{ x: string }>,
    )
    await expect(failing).rejects.toThrow('rolled back')
    expect(rows).toEqual([])
  })

  it('`select *` returns the columns the table has after a schema change', async () => {
    await insert('a')
    const all = () => selectRows(database.db, CompiledQuery.raw('select * from t', []))
    expect(await all()).toEqual([{ x: 'a' }])
    await sql`alter table t rename column x to renamed`.execute(database.db)
    expect(await all()).toEqual([{ renamed: 'a' }])
    await sql`alter table t add column added text default 'new'`.execute(database.db)
    expect(await all()).toEqual([{ renamed: 'a', added: 'new' }])
  })

  it('closing the database commits the open batch', async () => {
    const inside = db()
      .transaction()
      .execute((trx) => trx.insertInto('t').values({ x: 'in' }).execute())
    // Joins the batch and returns before it commits: the batch is still open when the database closes.
    await insert('out')
    await database.close()
    await inside
    expect(committed()).toEqual(['in', 'out'])
    database = await openDatabase({ kind: 'sqlite', file: join(dir, 'g.db') })
  })
})

describe('SQLite group commit: paused writes', () => {
  it('hold new transactions and writes outside them back until resumed (or the pause runs out) while reads go on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'provisio-pause-'))
    const sqlite = new SQLite(join(dir, 'p.db'))
    const dialect = groupCommitSqliteDialect(sqlite, () => sqlite.inTransaction)
    const db = new Kysely<{ t: { x: string } }>({ dialect })
    try {
      await sql`create table t (x text)`.execute(db)
      await db.insertInto('t').values({ x: 'before' }).execute()
      await dialect.pauseWrites(60_000)
      let written = false
      const write = db
        .transaction()
        .execute((trx) => trx.insertInto('t').values({ x: 'paused' }).execute())
        .then(() => {
          written = true
        })
      let autocommitted = false
      const autocommit = db
        .insertInto('t')
        .values({ x: 'paused, outside a transaction' })
        .execute()
        .then(() => {
          autocommitted = true
        })
      await new Promise((resolve) => setTimeout(resolve, 30))
      expect(written).toBe(false)
      expect(autocommitted).toBe(false)
      expect(await db.selectFrom('t').select('x').execute()).toEqual([{ x: 'before' }])
      dialect.resumeWrites()
      await Promise.all([write, autocommit])
      expect(written && autocommitted).toBe(true)

      // A pause nobody ends lasts `maxMs`.
      await dialect.pauseWrites(30)
      await db
        .transaction()
        .execute((trx) => trx.insertInto('t').values({ x: 'after the pause ran out' }).execute())
      expect((await db.selectFrom('t').select('x').execute()).map((r) => r.x).sort()).toEqual([
        'after the pause ran out',
        'before',
        'paused',
        'paused, outside a transaction',
      ])
    } finally {
      await db.destroy()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
