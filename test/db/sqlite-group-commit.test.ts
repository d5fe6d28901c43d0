import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { type Kysely, sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Database, openDatabase } from '../../src/db/database.js'

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
