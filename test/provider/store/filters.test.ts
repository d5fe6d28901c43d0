import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { filterToSql } from '../../../src/provider/store/filter-sql.js'
import type { ResourceStore, TenantSchemas } from '../../../src/provider/store/types.js'
import type { AttrPath, CompareOperator, Filter, FilterValue } from '../../../src/scim/filter/ast.js'
import { evaluateFilter } from '../../../src/scim/filter/compile-filter.js'
import { printFilter } from '../../../src/scim/filter/filter-printer.js'
import { parseFilter } from '../../../src/scim/filter/parse-filter.js'
import type { ScimResource } from '../../../src/scim/schema/types.js'
import { isScimError } from '../../../src/scim/scim-error.js'
import { TEST_DATABASES } from '../../support/databases.js'
import { group, newTenant, openTestStore, type StoreFixture, testClock, user } from './store-fixture.js'

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const PEAKON = 'urn:ietf:params:scim:schemas:extension:peakon:2.0:User'
const RUNS = Number(process.env.FUZZ_RUNS ?? 150)

/** Small alphabets so that generated values collide with stored ones, in both letter cases. */
const WORDS = ['ann', 'Ann', 'ANN', 'bob', 'b_b', 'b%b', 'ann.b', 'zed', 'é', 'É', '']
const word = fc.constantFrom(...WORDS)

const userArb = fc.record({
  userName: fc.tuple(word, word, fc.nat(99)).map(([x, y, n]) => `${x}${y}${n}`),
  displayName: fc.option(word, { nil: undefined }),
  externalId: fc.option(word, { nil: undefined }),
  active: fc.option(fc.boolean(), { nil: undefined }),
  title: fc.option(word, { nil: undefined }),
  emails: fc.option(
    fc.array(
      fc.record(
        {
          value: word.map((w) => `${w}@x.com`),
          type: fc.constantFrom('work', 'Home'),
          primary: fc.boolean(),
        },
        { requiredKeys: ['value'] },
      ),
      { maxLength: 2 },
    ),
    { nil: undefined },
  ),
  department: fc.option(word, { nil: undefined }),
  businessUnit: fc.option(word, { nil: undefined }),
})

/** Every string in a JSON value. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (value === null || typeof value !== 'object') return []
  return Object.values(value).flatMap(stringsIn)
}

describe.each(TEST_DATABASES)('$name: filters', (kind) => {
  let f: StoreFixture
  let store: ResourceStore
  let schemas: TenantSchemas
  let users: ScimResource[]
  let groups: ScimResource[]
  const times: string[] = []

  beforeAll(async () => {
    f = await openTestStore(kind, { clock: testClock().clock })
    const tenant = await newTenant(f.store, 'Filters')
    store = tenant.resources
    await f.store.tenants.defineCustomAttribute(tenant.tenant.id, { name: 'Business Unit', type: 'string' })
    // A noise tenant with the same data: nothing of it may show up.
    const noise = await newTenant(f.store, 'Noise')
    schemas = await f.store.tenants.schemas(tenant.tenant.id)
    const generated = fc.sample(userArb, { numRuns: 40, seed: 42 })
    const seen = new Set<string>()
    for (const g of generated) {
      if (seen.has(g.userName.toLowerCase())) continue
      seen.add(g.userName.toLowerCase())
      const extra: Record<string, unknown> = {}
      for (const key of ['displayName', 'externalId', 'active', 'title', 'emails'] as const) {
        if (g[key] !== undefined) extra[key] = g[key]
      }
      if (g.department !== undefined) extra[ENTERPRISE] = { department: g.department }
      if (g.businessUnit !== undefined) extra[PEAKON] = { 'Business Unit': g.businessUnit }
      const created = await store.create('User', user(g.userName, extra))
      times.push((created.meta as { created: string }).created)
      await noise.resources.create('User', user(g.userName, extra))
    }
    const all = (await store.query('User', { includeGroups: false })).resources
    await store.create('Group', group('Ann team', [all[0].id, all[1].id] as string[]))
    await store.create('Group', group('Bob team', [all[1].id, all[2].id] as string[]))
    await store.create('Group', group('empty'))
    users = (await store.query('User')).resources
    groups = (await store.query('Group')).resources
  })
  afterAll(() => f.drop())

  const idsOf = (resources: ScimResource[]) => resources.map((r) => r.id as string).sort()

  function expected(type: 'User' | 'Group', filter: Filter): string[] {
    const schema = schemas.resource(type)
    return idsOf((type === 'User' ? users : groups).filter((r) => evaluateFilter(filter, r, schema)))
  }

  async function check(type: 'User' | 'Group', filter: Filter): Promise<void> {
    let want: string[]
    try {
      want = expected(type, filter)
    } catch (error) {
      if (!isScimError(error)) throw error
      await expect(store.query(type, { filter })).rejects.toMatchObject({
        status: 400,
        scimType: 'invalidFilter',
      })
      return
    }
    const got = await store.query(type, { filter })
    expect({ filter: printFilter(filter), ids: idsOf(got.resources) }).toEqual({
      filter: printFilter(filter),
      ids: want,
    })
    expect(got.totalResults).toBe(want.length)
  }

  it.each([
    'userName eq "ANN"',
    'userName sw "ann"',
    'userName co "%b"',
    'userName co "_"',
    'userName ew "9"',
    'userName gt "b" and userName lt "c"',
    'displayName eq "ann"',
    'displayName pr',
    'not (displayName pr)',
    'displayName eq null',
    'externalId eq "Ann"',
    'externalId ne "Ann"',
    'externalId sw "A"',
    'active eq true',
    'active eq "False"',
    'active ne true',
    'emails.value eq "ANN@X.COM"',
    'emails[type eq "work" and value co "ann"]',
    'emails[type eq "work"].value eq "bob@x.com"',
    'emails[primary eq true]',
    'emails.type ne "work"',
    'emails pr',
    'emails co "b%b"',
    'title eq "ann"',
    'name.givenName pr',
    `${ENTERPRISE}:department eq "bob"`,
    'userName sw "a" or title pr',
    'not (userName sw "a" or title pr)',
    'nosuch eq "x"',
    'nosuch ne "x"',
    'meta.created gt "2026-01-01T00:00:00.010Z"',
    'meta.lastModified le "2026-01-01T00:00:00.0105Z"',
    'meta.created ge "2026-01-01T00:00:00.0105Z"',
    'meta.created eq "2026-01-01T00:00:00.010Z"',
    'meta.created co "2026"',
    'groups.value pr',
    'userName gt 5',
  ])('User filter %s', async (text) => {
    await check('User', parseFilter(text))
  })

  it('filters on a custom attribute whose name has a space', async () => {
    const path = { schema: PEAKON, attribute: 'Business Unit' }
    await check('User', { kind: 'compare', path, op: 'eq', value: 'ANN' })
    expect(expected('User', { kind: 'present', path }).length).toBeGreaterThan(0)
  })

  it('compiles the filters Entra sends to SQL alone', () => {
    const schema = schemas.resource('User')
    for (const text of [
      'userName eq "x"',
      'externalId eq "x"',
      'id eq "x" and active eq true',
      'emails[type eq "work"].value eq "x"',
    ]) {
      expect(filterToSql(parseFilter(text), schema, 'User', f.database.dialect, store.tenantId).exact).toBe(
        true,
      )
    }
    const groupSchema = schemas.resource('Group')
    expect(
      filterToSql(parseFilter('displayName eq "x"'), groupSchema, 'Group', f.database.dialect, store.tenantId)
        .exact,
    ).toBe(true)
  })

  it.each([
    'displayName eq "ann team"',
    'displayName sw "B"',
    'members pr',
    'not (members pr)',
    'members.value eq "x"',
    'members[display eq "x"]',
    'members[value eq "NONE" or type eq "User"]',
  ])('Group filter %s', async (text) => {
    const members = groups.flatMap((g) => (g.members as { value: string; display: string }[]) ?? [])
    const filled = text
      .replace('"x"', JSON.stringify(members[0].value.toUpperCase()))
      .replace('display eq "x"', `display eq ${JSON.stringify(members[0].display)}`)
    await check('Group', parseFilter(filled))
  })

  it('matches evaluateFilter on every generated User filter', async () => {
    const pick = <T>(items: readonly T[]) => fc.constantFrom(...items)
    // Stored strings, and slices of them in either case, so that co/sw/ew/gt/… often hit.
    const stored = [...new Set(users.flatMap(stringsIn))]
    const slices = fc
      .tuple(pick(stored), fc.nat(12), fc.nat(12), fc.boolean())
      .map(([text, from, length, upper]) => {
        const slice = text.slice(Math.min(from, text.length), Math.min(from, text.length) + length)
        return upper ? slice.toUpperCase() : slice
      })
    const values = (): fc.Arbitrary<FilterValue> =>
      fc.oneof(
        { arbitrary: slices, weight: 6 },
        { arbitrary: pick(stored), weight: 3 },
        word,
        word.map((w) => `${w}@x.com`),
        pick(users.map((u) => u.userName as string)),
        pick(users.map((u) => (u.id as string).toUpperCase())),
        pick(groups.map((g) => g.id as string)),
        pick(times),
        pick(times).map((t) => t.replace('Z', '5Z')),
        fc.boolean(),
        fc.constant(null),
        fc.integer({ min: -2, max: 2 }),
      )
    const ops: CompareOperator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']
    const paths: AttrPath[] = [
      { attribute: 'userName' },
      { attribute: 'USERNAME' },
      { attribute: 'displayName' },
      { attribute: 'externalId' },
      { attribute: 'id' },
      { attribute: 'active' },
      { attribute: 'title' },
      { attribute: 'emails' },
      { attribute: 'emails', subAttribute: 'value' },
      { attribute: 'emails', subAttribute: 'type' },
      { attribute: 'emails', subAttribute: 'primary' },
      { attribute: 'groups', subAttribute: 'value' },
      { attribute: 'meta', subAttribute: 'created' },
      { attribute: 'meta', subAttribute: 'lastModified' },
      { schema: ENTERPRISE, attribute: 'department' },
      { schema: PEAKON, attribute: 'Business Unit' },
      { attribute: 'nosuch' },
    ]
    const subPaths: AttrPath[] = [{ attribute: 'value' }, { attribute: 'type' }, { attribute: 'primary' }]
    const leaf = (p: AttrPath[]): fc.Arbitrary<Filter> =>
      fc.oneof(
        fc.record({ kind: fc.constant('compare' as const), path: pick(p), op: pick(ops), value: values() }),
        fc.record({ kind: fc.constant('present' as const), path: pick(p) }),
      )
    const tree = (p: AttrPath[], withValuePath: boolean): fc.Arbitrary<Filter> =>
      fc.letrec<{ f: Filter }>((tie) => ({
        f: fc.oneof<fc.Arbitrary<Filter>[]>(
          { depthSize: 'small', withCrossShrink: true },
          leaf(p),
          ...(withValuePath
            ? [
                fc.record({
                  kind: fc.constant('valuePath' as const),
                  path: fc.constant({ attribute: 'emails' }),
                  filter: tree(subPaths, false),
                }),
              ]
            : []),
          fc.record({ kind: fc.constant('and' as const), left: tie('f'), right: tie('f') }),
          fc.record({ kind: fc.constant('or' as const), left: tie('f'), right: tie('f') }),
          fc.record({ kind: fc.constant('not' as const), filter: tie('f') }),
        ),
      })).f
    // Each filter is checked twice: as generated, and with its string values swapped for others, so that the
    // second query of a shape runs on the SQL the store compiled for the first (reusable-filter-sql.ts).
    const strings = fc.array(fc.oneof(slices, pick(stored), word), { minLength: 8, maxLength: 8 })
    await fc.assert(
      fc.asyncProperty(tree(paths, true), strings, async (filter, others) => {
        await check('User', filter)
        await check('User', revalue(filter, others))
      }),
      { numRuns: RUNS },
    )
  })
})

/** The filter with its string values replaced, in turn, by `others` (same shape, other values). */
function revalue(filter: Filter, others: readonly string[]): Filter {
  let next = 0
  const walk = (f: Filter): Filter => {
    switch (f.kind) {
      case 'and':
      case 'or':
        return { ...f, left: walk(f.left), right: walk(f.right) }
      case 'not':
        return { ...f, filter: walk(f.filter) }
      case 'valuePath':
        return { ...f, filter: walk(f.filter) }
      case 'present':
        return f
      case 'compare':
        return typeof f.value === 'string' ? { ...f, value: others[next++ % others.length] } : f
    }
  }
  return walk(filter)
}
