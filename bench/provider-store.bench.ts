/**
 * The provider store alone (no HTTP) on SQLite with 100,000 users: create, get by id, filter by userName, PATCH
 * replace, and one-member adds to a 10-member group against a 100,000-member group (target: within 1.5x).
 * Sequential calls, one connection, as one server process sees them.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../src/db/database.js'
import { migrate } from '../src/db/migrate.js'
import { openProviderStore } from '../src/provider/store/open-provider-store.js'
import type { PatchOperation, ResourceStore } from '../src/provider/store/types.js'
import { parseFilter } from '../src/scim/filter/parse-filter.js'
import type { BenchResult } from './types.js'

const USERS = 100_000
const SAMPLES = 5_000
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group'

/** Operations per second of `count` sequential calls of `op`. */
async function rate(count: number, op: (i: number) => Promise<unknown>): Promise<number> {
  const start = performance.now()
  for (let i = 0; i < count; i++) await op(i)
  return Math.round(count / ((performance.now() - start) / 1000))
}

const addMember = (value: string): PatchOperation[] => [
  { op: 'add', path: { attr: { attribute: 'members' } }, value: [{ value }] },
]

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'provisio-store-bench-'))
  const database = await openDatabase({ kind: 'sqlite', file: join(dir, 'bench.db') })
  try {
    await migrate(database)
    const store = openProviderStore(database)
    const tenant = await store.tenants.create('Bench')
    const resources: ResourceStore = store.resources(tenant.id)
    const ids: string[] = []
    const createRate = await rate(USERS, async (i) => {
      const created = await resources.create(
        'User',
        {
          schemas: [USER],
          userName: `user${i}@bench.example`,
          externalId: `ext-${i}`,
          active: true,
          name: { givenName: `Given${i}`, familyName: 'Bench' },
          emails: [{ value: `user${i}@bench.example`, type: 'work', primary: true }],
        },
        { includeGroups: false },
      )
      ids.push(created.id as string)
    })
    const pick = (i: number) => ids[(i * 7919) % USERS]
    const getRate = await rate(SAMPLES, (i) => resources.get('User', pick(i)))
    const filterRate = await rate(SAMPLES, (i) =>
      resources.query('User', {
        filter: parseFilter(`userName eq "USER${(i * 7919) % USERS}@bench.example"`),
        count: 100,
      }),
    )
    const patchRate = await rate(SAMPLES, (i) =>
      resources.patch('User', pick(i), [
        { op: 'replace', path: { attr: { attribute: 'displayName' } }, value: `n${i}` },
      ]),
    )

    const small = (
      await resources.create('Group', {
        schemas: [GROUP],
        displayName: 'Small',
        members: ids.slice(0, 10).map((value) => ({ value })),
      })
    ).id as string
    const big = (await resources.create('Group', { schemas: [GROUP], displayName: 'Big' })).id as string
    await resources.patch(
      'Group',
      big,
      [
        {
          op: 'add',
          path: { attr: { attribute: 'members' } },
          value: ids.slice(0, USERS - SAMPLES).map((value) => ({ value })),
        },
      ],
      { includeMembers: false },
    )
    const spare = ids.slice(USERS - SAMPLES)
    const smallRate = await rate(SAMPLES, (i) =>
      resources.patch('Group', small, addMember(spare[i]), { includeMembers: false }),
    )
    const bigRate = await rate(SAMPLES, (i) =>
      resources.patch('Group', big, addMember(spare[i]), { includeMembers: false }),
    )
    const ratio = Math.round((smallRate / bigRate) * 100) / 100
    return [
      { name: 'store create User (SQLite)', value: createRate, unit: 'ops/s' },
      { name: 'store get User by id', value: getRate, unit: 'ops/s' },
      { name: 'store filter userName eq', value: filterRate, unit: 'ops/s' },
      { name: 'store PATCH replace displayName', value: patchRate, unit: 'ops/s' },
      { name: 'store member add, 10-member group', value: smallRate, unit: 'ops/s' },
      { name: 'store member add, 100,000-member group', value: bigRate, unit: 'ops/s' },
      {
        name: 'member add cost at 100,000 vs 10',
        value: ratio,
        unit: 'x',
        target: '≤ 1.5',
        pass: ratio <= 1.5,
      },
    ]
  } finally {
    await database.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
