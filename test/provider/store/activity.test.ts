import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../../support/databases.js'
import { newTenant, openTestStore, type StoreFixture, testClock } from './store-fixture.js'

describe.each(TEST_DATABASES)('$name: activity log', (kind) => {
  let f: StoreFixture

  beforeAll(async () => {
    f = await openTestStore(kind, { clock: testClock().clock })
  })
  afterAll(() => f.drop())

  it('records changing requests per tenant and lists them newest first, page by page', async () => {
    const a = await newTenant(f.store, 'Logged')
    const b = await newTenant(f.store, 'Other')
    const base = {
      tokenId: 'tok',
      method: 'PATCH',
      resourceType: 'User',
      status: 200,
      outcome: 'success' as const,
    }
    for (let i = 0; i < 7; i++) {
      await f.store.activity.record({
        ...base,
        tenantId: a.tenant.id,
        path: `/Users/${i}`,
        resourceId: `${i}`,
        durationMs: i + 0.25,
      })
    }
    const failed = await f.store.activity.record({
      ...base,
      tenantId: b.tenant.id,
      tokenId: null,
      method: 'POST',
      path: '/Users',
      resourceId: null,
      status: 409,
      outcome: 'failure',
      durationMs: 1,
      at: '2026-02-02T00:00:00.000Z',
    })
    expect(failed.at).toBe('2026-02-02T00:00:00.000Z')

    const first = await f.store.activity.list(a.tenant.id, { limit: 3 })
    expect(first.map((e) => e.path)).toEqual(['/Users/6', '/Users/5', '/Users/4'])
    expect(first[0]).toMatchObject({ tenantId: a.tenant.id, tokenId: 'tok', status: 200, durationMs: 6.25 })
    const second = await f.store.activity.list(a.tenant.id, { limit: 3, before: first[2].id })
    expect(second.map((e) => e.path)).toEqual(['/Users/3', '/Users/2', '/Users/1'])
    expect((await f.store.activity.list(a.tenant.id)).length).toBe(7)
    expect(await f.store.activity.list(b.tenant.id)).toEqual([failed])
    expect(await f.store.activity.list(a.tenant.id, { before: failed.id })).toEqual([])
  })

  /** Runs `fn` while the activity table is away (every write of the log fails); resolves the first warning matching. */
  async function whileUnwritable(pattern: RegExp, fn: () => Promise<void>): Promise<Error> {
    const { db } = f.database
    let onWarning!: (warning: Error) => void
    const warned = new Promise<Error>((resolve) => {
      onWarning = (warning) => {
        if (pattern.test(warning.message)) resolve(warning)
      }
    })
    process.on('warning', onWarning)
    await sql`alter table provider_activity rename to provider_activity_away`.execute(db)
    try {
      await fn()
      return await warned
    } finally {
      process.off('warning', onWarning)
      await sql`alter table provider_activity_away rename to provider_activity`.execute(db)
    }
  }

  const deletion = (tenantId: string, path: string) =>
    f.store.activity.record({
      tenantId,
      tokenId: 'tok',
      method: 'DELETE',
      path,
      resourceType: 'User',
      resourceId: null,
      status: 204,
      outcome: 'success',
      durationMs: 1,
    })

  it('keeps entries it could not write, says so, and writes them once the database takes them', async () => {
    const { tenant } = await newTenant(f.store, 'Unwritable')
    // The batch's timer flush fails and warns.
    const warning = await whileUnwritable(/SCIM activity log/, async () => {
      for (const path of ['/Users/a', '/Users/b', '/Users/c']) await deletion(tenant.id, path)
    })
    expect(warning.message).toMatch(/could not write the SCIM activity log \(3 entries wait/)
    const listed = await f.store.activity.list(tenant.id)
    expect(listed.map((e) => e.path).sort()).toEqual(['/Users/a', '/Users/b', '/Users/c'])
  })

  it('keeps the newest 10,000 entries while the database refuses them, and says how many it dropped', async () => {
    const { tenant } = await newTenant(f.store, 'Refused')
    const recorded = 10_005
    // The 200th entry's write fails at once; the retry a second later fails too, with all the entries waiting.
    const warning = await whileUnwritable(/10000 entries wait/, async () => {
      for (let i = 0; i < recorded; i++) await deletion(tenant.id, `/Users/${i}`)
    })
    expect(warning.message).toMatch(/\(10000 entries wait for the next try; 5 older entries were dropped\)/)
    await f.store.activity.flush()
    const paths: string[] = []
    for (let page = await f.store.activity.list(tenant.id, { limit: 500 }); page.length > 0; ) {
      paths.push(...page.map((e) => e.path))
      page = await f.store.activity.list(tenant.id, { limit: 500, before: page[page.length - 1].id })
    }
    expect(paths).toHaveLength(10_000)
    expect(new Set(paths)).toEqual(new Set(Array.from({ length: 10_000 }, (_, i) => `/Users/${i + 5}`)))
  })
})
