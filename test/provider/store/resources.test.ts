import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  InvalidValueError,
  NotFoundError,
  PreconditionFailedError,
  UniquenessError,
} from '../../../src/provider/store/errors.js'
import type { ResourceStore } from '../../../src/provider/store/types.js'
import { parseFilter } from '../../../src/scim/filter/parse-filter.js'
import { normalisePatch } from '../../../src/scim/patch/normalise-patch.js'
import { TEST_DATABASES } from '../../support/databases.js'
import { group, newTenant, openTestStore, type StoreFixture, testClock, user } from './store-fixture.js'

describe.each(TEST_DATABASES)('$name: users and groups', (kind) => {
  let f: StoreFixture
  let a: ResourceStore
  let b: ResourceStore
  let tenantA: string

  beforeAll(async () => {
    f = await openTestStore(kind, { clock: testClock().clock })
    const ta = await newTenant(f.store, 'A')
    tenantA = ta.tenant.id
    a = ta.resources
    b = (await newTenant(f.store, 'B')).resources
  })
  afterAll(() => f.drop())

  async function patch(
    store: ResourceStore,
    type: 'User' | 'Group',
    id: string,
    body: unknown,
    ifMatch?: string,
  ) {
    const schema = (await f.store.tenants.schemas(store.tenantId)).resource(type)
    return store.patch(type, id, normalisePatch(body, schema), { ifMatch })
  }

  it('creates a User with id and meta, and reads it back', async () => {
    const created = await a.create(
      'User',
      user('Ann@Example.com', {
        id: 'client-id',
        externalId: 'ext-1',
        active: true,
        emails: [{ value: 'ann@example.com', type: 'work', primary: true }],
        meta: { resourceType: 'Bogus' },
      }),
    )
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(created.id).not.toBe('client-id')
    expect(created).toMatchObject({
      userName: 'Ann@Example.com',
      externalId: 'ext-1',
      active: true,
      meta: { resourceType: 'User', version: 'W/"1"' },
    })
    const meta = created.meta as Record<string, string>
    expect(meta.created).toBe(meta.lastModified)
    expect(await a.get('User', created.id as string)).toEqual(created)
  })

  it('keeps userName unique per tenant ignoring case, but not across tenants', async () => {
    await a.create('User', user('dup@example.com'))
    await expect(a.create('User', user('DUP@example.com'))).rejects.toBeInstanceOf(UniquenessError)
    await expect(b.create('User', user('dup@example.com'))).resolves.toMatchObject({
      userName: 'dup@example.com',
    })
    const { totalResults } = await a.query('User', { filter: parseFilter('userName eq "dup@example.com"') })
    expect(totalResults).toBe(1)
  })

  it('does not enforce externalId uniqueness, and keeps inactive users in queries', async () => {
    await a.create('User', user('x1@example.com', { externalId: 'same', active: false }))
    await a.create('User', user('x2@example.com', { externalId: 'same', active: true }))
    const found = await a.query('User', { filter: parseFilter('externalId eq "same"') })
    expect(found.totalResults).toBe(2)
    expect(found.resources.map((r) => r.active).sort()).toEqual([false, true])
  })

  it('keeps Group displayName unique per tenant ignoring case', async () => {
    await a.create('Group', group('Sales'))
    await expect(a.create('Group', group('sales'))).rejects.toBeInstanceOf(UniquenessError)
  })

  it('replaces a resource, bumping the version, with If-Match', async () => {
    const u = await a.create('User', user('rep@example.com', { displayName: 'Rep' }))
    const id = u.id as string
    await expect(
      a.replace('User', id, user('rep@example.com', { displayName: 'Nope' }), { ifMatch: 'W/"7"' }),
    ).rejects.toBeInstanceOf(PreconditionFailedError)
    const replaced = await a.replace('User', id, user('REP@example.com', { nickName: 'R' }), {
      ifMatch: 'W/"1"',
    })
    expect(replaced).toMatchObject({ userName: 'REP@example.com', nickName: 'R', meta: { version: 'W/"2"' } })
    expect(replaced.displayName).toBeUndefined()
    expect((replaced.meta as { created: string }).created).toBe((u.meta as { created: string }).created)
    await expect(a.replace('User', id, user('dup@example.com'))).rejects.toBeInstanceOf(UniquenessError)
    expect((await a.get('User', id)).userName).toBe('REP@example.com')
  })

  it('patches a User as Entra does, and a no-op PATCH keeps the version', async () => {
    const u = await a.create(
      'User',
      user('patch@example.com', { emails: [{ value: 'p@x.com', type: 'work' }] }),
    )
    const id = u.id as string
    const disabled = await patch(a, 'User', id, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'Replace', path: 'active', value: 'False' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@x.com' },
      ],
    })
    expect(disabled).toMatchObject({ active: false, emails: [{ value: 'new@x.com', type: 'work' }] })
    expect((disabled.meta as { version: string }).version).toBe('W/"2"')
    const again = await patch(a, 'User', id, {
      Operations: [{ op: 'replace', path: 'active', value: false }],
    })
    expect((again.meta as { version: string }).version).toBe('W/"2"')
    const byEmail = await a.query('User', { filter: parseFilter('emails.value eq "NEW@x.com"') })
    expect(byEmail.resources.map((r) => r.id)).toEqual([id])
    await expect(
      patch(a, 'User', id, { Operations: [{ op: 'replace', path: 'active', value: true }] }, 'W/"1"'),
    ).rejects.toBeInstanceOf(PreconditionFailedError)
  })

  it('deletes a resource and its memberships', async () => {
    const u = await a.create('User', user('gone@example.com'))
    const g = await a.create('Group', group('Leavers', [u.id as string]))
    await expect(a.delete('User', u.id as string, { ifMatch: 'W/"9"' })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    )
    await a.delete('User', u.id as string)
    await expect(a.get('User', u.id as string)).rejects.toBeInstanceOf(NotFoundError)
    const after = await a.get('Group', g.id as string)
    expect(after.members).toEqual([])
    expect((after.meta as { version: string }).version).toBe('W/"2"')
    await expect(a.delete('User', u.id as string)).rejects.toBeInstanceOf(NotFoundError)
  })

  it('isolates tenants: the other tenant’s ids are simply not found', async () => {
    const secret = await b.create('User', user('secret@b.example'))
    const bGroup = await b.create('Group', group('B team', [secret.id as string]))
    const id = secret.id as string
    await expect(a.get('User', id)).rejects.toBeInstanceOf(NotFoundError)
    await expect(a.replace('User', id, user('hijack@a.example'))).rejects.toBeInstanceOf(NotFoundError)
    await expect(
      patch(a, 'User', id, { Operations: [{ op: 'replace', path: 'active', value: false }] }),
    ).rejects.toBeInstanceOf(NotFoundError)
    await expect(a.delete('User', id)).rejects.toBeInstanceOf(NotFoundError)
    await expect(a.delete('Group', bGroup.id as string)).rejects.toBeInstanceOf(NotFoundError)
    expect((await a.query('User', { filter: parseFilter(`id eq "${id}"`) })).totalResults).toBe(0)
    expect(
      (await a.query('User', { filter: parseFilter('userName eq "secret@b.example"') })).totalResults,
    ).toBe(0)
    // Tenant B's user cannot become a member of tenant A's group, by create or by PATCH.
    await expect(a.create('Group', group('Poachers', [id]))).rejects.toBeInstanceOf(InvalidValueError)
    const aGroup = await a.create('Group', group('A team'))
    await expect(
      patch(a, 'Group', aGroup.id as string, {
        Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }],
      }),
    ).rejects.toBeInstanceOf(InvalidValueError)
    expect((await a.query('Group', { filter: parseFilter(`members.value eq "${id}"`) })).totalResults).toBe(0)
    expect((await b.get('User', id)).groups).toEqual([
      { value: bGroup.id, display: 'B team', type: 'direct' },
    ])
    expect(tenantA).not.toBe(b.tenantId)
  })

  it('rejects a User without userName and changes nothing', async () => {
    const before = (await a.query('User', { count: 0 })).totalResults
    await expect(a.create('User', { schemas: [] })).rejects.toBeInstanceOf(InvalidValueError)
    expect((await a.query('User', { count: 0 })).totalResults).toBe(before)
  })
})
