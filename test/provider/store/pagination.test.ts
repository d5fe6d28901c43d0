import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InvalidCursorError, InvalidValueError } from '../../../src/provider/store/errors.js'
import type { QueryOptions, ResourceStore } from '../../../src/provider/store/types.js'
import { parseFilter } from '../../../src/scim/filter/parse-filter.js'
import { TEST_DATABASES } from '../../support/databases.js'
import { newTenant, openTestStore, type StoreFixture, testClock, user } from './store-fixture.js'

const N = 23

describe.each(TEST_DATABASES)('$name: sorting and pagination', (kind) => {
  let f: StoreFixture
  let store: ResourceStore
  let other: ResourceStore

  beforeAll(async () => {
    f = await openTestStore(kind, { clock: testClock().clock })
    store = (await newTenant(f.store, 'Pages')).resources
    other = (await newTenant(f.store, 'Other')).resources
    for (let i = 0; i < N; i++) {
      // Mixed case, some without displayName or externalId, duplicate externalIds.
      const extra: Record<string, unknown> = { title: i % 2 === 0 ? 'even' : 'odd' }
      if (i % 3 !== 0) extra.displayName = `${i % 2 ? 'M' : 'm'}ember ${String(i % 7)}`
      if (i % 4 !== 0) extra.externalId = `ext-${i % 5}`
      await store.create('User', user(`${i % 2 ? 'U' : 'u'}ser${String(i).padStart(2, '0')}@x.com`, extra))
    }
    await other.create('User', user('other@x.com'))
  })
  afterAll(() => f.drop())

  /** Every page through cursors, as ids. */
  async function walk(options: QueryOptions): Promise<string[]> {
    const ids: string[] = []
    let cursor: string | undefined = ''
    for (let guard = 0; cursor !== undefined && guard < 100; guard++) {
      const page = await store.query('User', { ...options, cursor })
      expect(page.totalResults).toBe((await store.query('User', { ...options, count: 0 })).totalResults)
      ids.push(...page.resources.map((r) => r.id as string))
      cursor = page.nextCursor
    }
    return ids
  }

  const all = async (options: QueryOptions = {}) =>
    (await store.query('User', options)).resources.map((r) => r.id as string)

  it('sorts by userName ignoring case, ascending and descending, id breaking ties', async () => {
    const asc = (await store.query('User', { sortBy: { attribute: 'userName' } })).resources
    const names = asc.map((r) => (r.userName as string).toLowerCase())
    expect(names).toEqual([...names].sort())
    const desc = await all({ sortBy: { attribute: 'USERNAME' }, sortOrder: 'descending' })
    expect(desc).toEqual(asc.map((r) => r.id).reverse())
  })

  it('sorts absent values last ascending and first descending', async () => {
    const asc = (await store.query('User', { sortBy: { attribute: 'displayName' } })).resources
    const present = asc.filter((r) => r.displayName !== undefined)
    expect(asc.slice(0, present.length)).toEqual(present)
    const desc = (
      await store.query('User', { sortBy: { attribute: 'displayName' }, sortOrder: 'descending' })
    ).resources
    expect(desc[0].displayName).toBeUndefined()
    expect(desc.map((r) => r.id)).toEqual(asc.map((r) => r.id).reverse())
  })

  it('pages with startIndex and count, 1-based, count 0 giving only the total', async () => {
    const everything = await all({ sortBy: { attribute: 'externalId' } })
    expect(everything).toHaveLength(N)
    const page = await store.query('User', { sortBy: { attribute: 'externalId' }, startIndex: 5, count: 4 })
    expect(page.totalResults).toBe(N)
    expect(page.resources.map((r) => r.id)).toEqual(everything.slice(4, 8))
    expect(await store.query('User', { count: 0 })).toEqual({ totalResults: N, resources: [] })
    expect((await store.query('User', { startIndex: 0, count: 2 })).resources.map((r) => r.id)).toEqual(
      (await all()).slice(0, 2),
    )
    expect((await store.query('User', { startIndex: N + 5, count: 2 })).resources).toEqual([])
  })

  it.each([
    ['no sort', {}],
    ['userName', { sortBy: { attribute: 'userName' } }],
    ['displayName descending', { sortBy: { attribute: 'displayName' }, sortOrder: 'descending' as const }],
    ['externalId', { sortBy: { attribute: 'externalId' } }],
    ['meta.lastModified', { sortBy: { attribute: 'meta', subAttribute: 'lastModified' } }],
    ['a SQL filter', { filter: parseFilter('userName co "1"'), sortBy: { attribute: 'displayName' } }],
    ['a memory filter', { filter: parseFilter('title eq "even"'), sortBy: { attribute: 'externalId' } }],
  ])('walks every result exactly once through cursors: %s', async (_, options: QueryOptions) => {
    for (const count of [1, 4, 50]) {
      expect(await walk({ ...options, count })).toEqual(await all(options))
    }
  })

  it('rejects tampered, foreign and mismatched cursors', async () => {
    const { nextCursor } = await store.query('User', { cursor: '', count: 3 })
    expect(nextCursor).toBeDefined()
    const cursor = nextCursor!
    const [body, mac] = cursor.split('.')
    const forged = Buffer.from(JSON.stringify({ key: 'zzz', id: 'zzz' })).toString('base64url')
    for (const bad of [`${forged}.${mac}`, `${body}.${mac.slice(1)}`, 'garbage', `${cursor}.x`, body]) {
      await expect(store.query('User', { cursor: bad, count: 3 })).rejects.toBeInstanceOf(InvalidCursorError)
    }
    await expect(other.query('User', { cursor, count: 3 })).rejects.toBeInstanceOf(InvalidCursorError)
    await expect(
      store.query('User', { cursor, count: 3, sortBy: { attribute: 'userName' } }),
    ).rejects.toBeInstanceOf(InvalidCursorError)
    await expect(
      store.query('User', { cursor, count: 3, filter: parseFilter('userName pr') }),
    ).rejects.toBeInstanceOf(InvalidCursorError)
    // A store with another secret does not accept it either.
    const { openProviderStore } = await import('../../../src/provider/store/open-provider-store.js')
    const elsewhere = openProviderStore(f.database, { cursorSecret: 'another secret' }).resources(
      store.tenantId,
    )
    await expect(elsewhere.query('User', { cursor, count: 3 })).rejects.toBeInstanceOf(InvalidCursorError)
  })

  it('refuses to sort by an attribute it cannot sort on', async () => {
    await expect(store.query('User', { sortBy: { attribute: 'title' } })).rejects.toBeInstanceOf(
      InvalidValueError,
    )
    await expect(store.query('Group', { sortBy: { attribute: 'userName' } })).rejects.toBeInstanceOf(
      InvalidValueError,
    )
  })
})
