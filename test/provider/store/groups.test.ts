import type { KyselyPlugin, RootOperationNode } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InvalidValueError } from '../../../src/provider/store/errors.js'
import { openProviderStore } from '../../../src/provider/store/open-provider-store.js'
import type { ResourceStore } from '../../../src/provider/store/types.js'
import { parseFilter } from '../../../src/scim/filter/parse-filter.js'
import { normalisePatch } from '../../../src/scim/patch/normalise-patch.js'
import { TEST_DATABASES } from '../../support/databases.js'
import { seedUsers } from './seed.js'
import { group, newTenant, openTestStore, type StoreFixture, testClock, user } from './store-fixture.js'

const SCALE = 5_000

/** Records the tables each query names, to prove which tables a read touches. */
class TableRecorder implements KyselyPlugin {
  readonly seen: string[] = []
  transformQuery(args: { node: RootOperationNode }): RootOperationNode {
    this.seen.push(...(JSON.stringify(args.node).match(/"name":"(scim_[a-z_]+)"/g) ?? []))
    return args.node
  }
  async transformResult<T>(args: { result: T }): Promise<T> {
    return args.result
  }
}

describe.each(TEST_DATABASES)('$name: groups and membership', (kind) => {
  let f: StoreFixture
  let store: ResourceStore
  let tenantId: string
  let ids: string[]

  beforeAll(async () => {
    f = await openTestStore(kind, { clock: testClock().clock })
    const tenant = await newTenant(f.store, 'Big')
    store = tenant.resources
    tenantId = tenant.tenant.id
    ids = await seedUsers(f.database, tenantId, SCALE)
  })
  afterAll(() => f.drop())

  async function patch(id: string, operations: unknown[], options: { includeMembers?: boolean } = {}) {
    const schema = (await f.store.tenants.schemas(tenantId)).resource('Group')
    return store.patch('Group', id, normalisePatch({ Operations: operations }, schema), options)
  }
  const version = (r: Record<string, unknown>) => (r.meta as { version: string }).version
  const memberValues = (r: Record<string, unknown>) =>
    ((r.members as { value: string }[]) ?? []).map((m) => m.value).sort()

  it('creates a group with members of both types, and derives each member’s groups', async () => {
    const inner = await store.create('Group', group('Inner', [ids[0]]))
    const outer = await store.create('Group', group('Outer', [ids[0], ids[1], inner.id as string]))
    expect(outer.members).toEqual(
      expect.arrayContaining([
        { value: ids[0], type: 'User', display: `${ids[0]}@seed.example` },
        { value: inner.id, type: 'Group', display: 'Inner' },
      ]),
    )
    const u = await store.get('User', ids[0])
    expect((u.groups as { display: string }[]).map((g) => g.display)).toEqual(['Inner', 'Outer'])
    const listed = await store.query('User', { filter: parseFilter(`id eq "${ids[0]}"`) })
    expect(listed.resources[0].groups).toEqual(u.groups)
    expect((await store.get('User', ids[0], { includeGroups: false })).groups).toBeUndefined()
    expect((await store.get('User', ids[2])).groups).toBeUndefined()
    // One member at a time: a group is a member of type Group; an unknown id is refused.
    const solo = (await store.create('Group', group('Solo'))).id as string
    const withGroup = await patch(solo, [{ op: 'add', path: 'members', value: [{ value: inner.id }] }])
    expect(withGroup.members).toEqual([{ value: inner.id, type: 'Group', display: 'Inner' }])
    await expect(
      patch(solo, [{ op: 'add', path: 'members', value: [{ value: 'no-such-user' }] }]),
    ).rejects.toBeInstanceOf(InvalidValueError)
    await expect(store.create('Group', group('Ghosts', ['no-such-user']))).rejects.toBeInstanceOf(
      InvalidValueError,
    )
    await expect(
      patch(inner.id as string, [{ op: 'add', path: 'members', value: [{ value: inner.id }] }]),
    ).rejects.toBeInstanceOf(InvalidValueError)
  })

  it('shows a user’s groups by display name, ignoring case, however the user is read', async () => {
    // Created out of name order: newer groups have larger ids, so an order by id would differ.
    const member = ids[3]
    for (const name of ['zeta', 'Beta', 'alpha']) await store.create('Group', group(name, [member]))
    const displays = (r: Record<string, unknown>) => (r.groups as { display: string }[]).map((g) => g.display)
    const one = await store.get('User', member)
    expect(displays(one)).toEqual(['alpha', 'Beta', 'zeta'])
    // In SQL (the page's statement) and in memory (a filter on groups, evaluated on the rows read).
    const bySql = await store.query('User', { filter: parseFilter(`id eq "${member}"`) })
    const inMemory = await store.query('User', { filter: parseFilter('groups.display eq "Beta"') })
    expect(bySql.resources[0].groups).toEqual(one.groups)
    expect(inMemory.resources.map((r) => r.groups)).toEqual([one.groups])
    // A User in no group shows none on the in-memory path too.
    const loner = ids[4]
    const either = await store.query('User', {
      filter: parseFilter(`groups.display eq "Beta" or id eq "${loner}"`),
    })
    expect(either.resources.find((r) => r.id === loner)).not.toHaveProperty('groups')
  })

  it(`adds ${SCALE} members in one PATCH, then one more, and removes them in both Entra forms`, async () => {
    const g = await store.create('Group', group('Everyone'))
    const id = g.id as string
    const big = await patch(
      id,
      [{ op: 'Add', path: 'members', value: ids.slice(1).map((value) => ({ value })) }],
      {
        includeMembers: false,
      },
    )
    expect(big.members).toBeUndefined()
    expect(version(big)).toBe('W/"2"')
    const added = await patch(id, [
      { op: 'Add', path: 'members', value: [{ $ref: null, value: ids[0].toUpperCase() }] },
    ])
    expect(memberValues(added)).toEqual([...ids].sort())
    expect(version(added)).toBe('W/"3"')

    // Adding an existing member changes nothing, version included.
    const again = await patch(id, [{ op: 'add', path: 'members', value: [{ value: ids[0] }] }], {
      includeMembers: false,
    })
    expect(version(again)).toBe('W/"3"')

    await patch(id, [{ op: 'Remove', path: 'members', value: [{ value: ids[0] }] }])
    await patch(id, [{ op: 'remove', path: `members[value eq "${ids[1]}"]` }])
    const found = await store.query('Group', {
      filter: parseFilter(`members.value eq "${ids[2]}"`),
      includeMembers: false,
    })
    expect(found.resources.map((r) => r.id)).toContain(id)
    expect(
      (await store.query('Group', { filter: parseFilter(`members.value eq "${ids[1]}"`) })).resources.map(
        (r) => r.id,
      ),
    ).not.toContain(id)
    const after = await store.get('Group', id)
    expect((after.members as unknown[]).length).toBe(SCALE - 2)
    expect(version(after)).toBe('W/"5"')

    await patch(id, [{ op: 'replace', path: 'members', value: [{ value: ids[3] }] }])
    expect(memberValues(await store.get('Group', id))).toEqual([ids[3]])
    await patch(id, [{ op: 'remove', path: 'members' }])
    expect((await store.get('Group', id)).members).toEqual([])
  })

  it('reads a group without members without touching the membership table', async () => {
    const g = await store.create('Group', group('Quiet', ids.slice(0, 50)))
    const recorder = new TableRecorder()
    const spied = openProviderStore({ ...f.database, db: f.database.db.withPlugin(recorder) })
    const quiet = spied.resources(tenantId)
    const read = await quiet.get('Group', g.id as string, { includeMembers: false })
    expect(read.members).toBeUndefined()
    const listed = await quiet.query('Group', {
      filter: parseFilter('displayName eq "quiet"'),
      includeMembers: false,
    })
    expect(listed.resources.map((r) => r.id)).toEqual([g.id])
    const schema = (await spied.tenants.schemas(tenantId)).resource('Group')
    await quiet.patch(
      'Group',
      g.id as string,
      normalisePatch({ Operations: [{ op: 'Replace', path: 'displayName', value: 'Quieter' }] }, schema),
      { includeMembers: false },
    )
    expect(recorder.seen.join()).not.toContain('scim_group_members')
    expect(recorder.seen.join()).toContain('scim_groups')
  })

  it('never loses a member when PATCHes add different members concurrently', async () => {
    const g = await store.create('Group', group('Race'))
    const id = g.id as string
    const adders = ids.slice(100, 140)
    await Promise.all([
      ...adders.map((member) =>
        patch(id, [{ op: 'add', path: 'members', value: [{ value: member }] }], { includeMembers: false }),
      ),
      patch(id, [{ op: 'replace', path: 'displayName', value: 'Race renamed' }], { includeMembers: false }),
    ])
    const after = await store.get('Group', id)
    expect(memberValues(after)).toEqual([...adders].sort())
    expect(after.displayName).toBe('Race renamed')
    expect(version(after)).toBe(`W/"${adders.length + 2}"`)
  })

  it('applies member operations that need the list (a filter on type) to the loaded group', async () => {
    const sub = await store.create('Group', group('Sub'))
    const g = await store.create('Group', group('Mixed', [ids[5], sub.id as string]))
    const patched = await patch(g.id as string, [{ op: 'remove', path: 'members[type eq "Group"]' }])
    expect(memberValues(patched)).toEqual([ids[5]])
  })

  it('deleting a group removes its memberships, and a member group leaves its parents', async () => {
    const child = await store.create('Group', group('Child', [ids[200]]))
    const parent = await store.create('Group', group('Parent', [child.id as string, ids[201]]))
    await store.delete('Group', child.id as string)
    expect(memberValues(await store.get('Group', parent.id as string))).toEqual([ids[201]])
    expect((await store.get('User', ids[200])).groups).toBeUndefined()
  })

  it('a user created by the store can be a member right away', async () => {
    const u = await store.create('User', user('fresh@x.com', { displayName: 'Fresh' }))
    const g = await store.create('Group', group('Fresh ones', [u.id as string]))
    expect(g.members).toEqual([{ value: u.id, type: 'User', display: 'Fresh' }])
  })
})
