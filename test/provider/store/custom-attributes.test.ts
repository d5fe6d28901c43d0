import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InvalidValueError, NotFoundError } from '../../../src/provider/store/errors.js'
import { normalisePatch } from '../../../src/scim/patch/normalise-patch.js'
import { TEST_DATABASES } from '../../support/databases.js'
import { newTenant, openTestStore, type StoreFixture, testClock, user } from './store-fixture.js'

const PEAKON = 'urn:ietf:params:scim:schemas:extension:peakon:2.0:User'

describe.each(TEST_DATABASES)('$name: custom attributes and tenant schemas', (kind) => {
  let f: StoreFixture

  beforeAll(async () => {
    f = await openTestStore(kind, { clock: testClock().clock })
  })
  afterAll(() => f.drop())

  it('defines typed attributes per tenant and serves them in the tenant’s schemas', async () => {
    const { tenant } = await newTenant(f.store, 'Peak')
    const { tenant: other } = await newTenant(f.store, 'Valley')
    const before = await f.store.tenants.schemas(tenant.id)
    expect(before.registry.schema(PEAKON)?.attributes).toEqual([])

    await f.store.tenants.defineCustomAttribute(tenant.id, { name: 'Business Unit', type: 'string' })
    await f.store.tenants.defineCustomAttribute(tenant.id, { name: 'Start Date', type: 'date' })
    await f.store.tenants.defineCustomAttribute(tenant.id, {
      name: 'Level',
      type: 'integer',
      description: 'Grade',
    })
    await f.store.tenants.defineCustomAttribute(tenant.id, { name: 'Manager', type: 'employee' })
    expect((await f.store.tenants.customAttributes(tenant.id)).map((a) => [a.name, a.type])).toEqual([
      ['Business Unit', 'string'],
      ['Level', 'integer'],
      ['Manager', 'employee'],
      ['Start Date', 'date'],
    ])

    const schemas = await f.store.tenants.schemas(tenant.id)
    expect(schemas).not.toBe(before)
    const attributes = schemas.registry.schema(PEAKON)!.attributes
    expect(attributes.map((a) => [a.name, a.type])).toEqual([
      ['Business Unit', 'string'],
      ['Level', 'integer'],
      ['Manager', 'string'],
      ['Start Date', 'dateTime'],
    ])
    expect(attributes.find((a) => a.name === 'Level')?.description).toBe('Grade')
    const resolved = schemas.resource('User').resolve({ schema: PEAKON, attribute: 'business unit' })
    expect(resolved?.attribute.name).toBe('Business Unit')
    expect(schemas.registry.resourceTypes().find((t) => t.id === 'User')?.schemaExtensions).toContainEqual({
      schema: PEAKON,
      required: false,
    })
    expect(await f.store.tenants.schemas(tenant.id)).toBe(schemas)
    expect((await f.store.tenants.schemas(other.id)).registry.schema(PEAKON)?.attributes).toEqual([])

    // Redefining changes the type; removing takes it out of the schema.
    await f.store.tenants.defineCustomAttribute(tenant.id, { name: 'level', type: 'string' })
    await f.store.tenants.removeCustomAttribute(tenant.id, 'MANAGER')
    const after = (await f.store.tenants.schemas(tenant.id)).registry.schema(PEAKON)!.attributes
    expect(after.map((a) => [a.name, a.type])).toEqual([
      ['Business Unit', 'string'],
      ['level', 'string'],
      ['Start Date', 'dateTime'],
    ])
  })

  it('stores and patches custom attribute values with spaces in their names', async () => {
    const { tenant, resources } = await newTenant(f.store, 'Values')
    await f.store.tenants.defineCustomAttribute(tenant.id, { name: 'Business Unit', type: 'string' })
    const created = await resources.create(
      'User',
      user('jane@x.com', { [PEAKON]: { 'Business Unit': 'Eng' } }),
    )
    const schema = (await f.store.tenants.schemas(tenant.id)).resource('User')
    const patched = await resources.patch(
      'User',
      created.id as string,
      normalisePatch(
        { Operations: [{ op: 'replace', value: { [`${PEAKON}:Business Unit`]: 'Sales' } }] },
        schema,
      ),
    )
    expect(patched[PEAKON]).toEqual({ 'Business Unit': 'Sales' })
  })

  it('takes an employee attribute only when it names an existing employee of the tenant', async () => {
    const { tenant, resources } = await newTenant(f.store, 'References')
    const { resources: elsewhere } = await newTenant(f.store, 'Elsewhere')
    await f.store.tenants.defineCustomAttribute(tenant.id, { name: 'Manager', type: 'employee' })
    const boss = await resources.create(
      'User',
      user('boss@x.com', { emails: [{ value: 'Boss.Mail@x.com', type: 'work' }] }),
    )
    const stranger = await elsewhere.create('User', user('stranger@x.com'))
    for (const reference of ['BOSS@x.com', 'boss.mail@X.com', String(boss.id)]) {
      const created = await resources.create(
        'User',
        user(`by-${reference}@x.com`, { [PEAKON]: { Manager: reference } }),
      )
      expect(created[PEAKON]).toEqual({ Manager: reference })
    }
    for (const reference of ['nobody@x.com', String(stranger.id)]) {
      await expect(
        resources.create('User', user('orphan@x.com', { [PEAKON]: { Manager: reference } })),
      ).rejects.toThrow(/must name an existing employee/)
    }
    expect((await resources.query('User', { filter: undefined })).totalResults).toBe(4)

    const schema = (await f.store.tenants.schemas(tenant.id)).resource('User')
    const replace = (value: string) =>
      normalisePatch({ Operations: [{ op: 'replace', value: { [`${PEAKON}:Manager`]: value } }] }, schema)
    await expect(resources.patch('User', String(boss.id), replace('nobody@x.com'))).rejects.toBeInstanceOf(
      InvalidValueError,
    )
    expect((await resources.get('User', String(boss.id)))[PEAKON]).toBeUndefined()
    const patched = await resources.patch('User', String(boss.id), replace('by-boss@x.com@x.com'))
    expect(patched[PEAKON]).toEqual({ Manager: 'by-boss@x.com@x.com' })
  })

  it('rejects names paths cannot carry, unknown types, and unknown tenants', async () => {
    const { tenant } = await newTenant(f.store, 'Strict')
    for (const name of ['', ' ', 'a.b', 'urn:x', 'x[y]', 'q"uote', 'x'.repeat(129)]) {
      await expect(
        f.store.tenants.defineCustomAttribute(tenant.id, { name, type: 'string' }),
      ).rejects.toBeInstanceOf(InvalidValueError)
    }
    await expect(
      f.store.tenants.defineCustomAttribute(tenant.id, { name: 'Colour', type: 'color' as 'string' }),
    ).rejects.toBeInstanceOf(InvalidValueError)
    await expect(f.store.tenants.removeCustomAttribute(tenant.id, 'Nope')).rejects.toBeInstanceOf(
      NotFoundError,
    )
    await expect(f.store.tenants.customAttributes('missing')).rejects.toBeInstanceOf(NotFoundError)
    await expect(f.store.tenants.schemas('missing')).rejects.toBeInstanceOf(NotFoundError)
  })
})
