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
})
