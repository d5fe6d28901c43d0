import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NotFoundError, UniquenessError } from '../../../src/provider/store/errors.js'
import { hashToken } from '../../../src/provider/tenants/bearer-token.js'
import { TEST_DATABASES } from '../../support/databases.js'
import { openTestStore, type StoreFixture, testClock } from './store-fixture.js'

describe.each(TEST_DATABASES)('$name: tenants and tokens', (kind) => {
  let f: StoreFixture
  const time = testClock()

  beforeAll(async () => {
    f = await openTestStore(kind, { clock: time.clock })
  })
  afterAll(() => f.drop())

  it('creates tenants with unique names ignoring case', async () => {
    const acme = await f.store.tenants.create('Acme')
    expect(acme).toMatchObject({ name: 'Acme', provisioningEnabled: false })
    expect(acme.customSchema).toBe('urn:ietf:params:scim:schemas:extension:peakon:2.0:User')
    await expect(f.store.tenants.create('ACME')).rejects.toBeInstanceOf(UniquenessError)
    expect(await f.store.tenants.getByName('acme')).toEqual(acme)
    expect(await f.store.tenants.get(acme.id)).toEqual(acme)
    expect(await f.store.tenants.get('nope')).toBeUndefined()
    expect((await f.store.tenants.list()).map((t) => t.name)).toContain('Acme')
  })

  it('issues a pvs_ token that authenticates, stored only as its SHA-256', async () => {
    const tenant = await f.store.tenants.create('Hashco')
    expect(await f.store.tenants.tokens(tenant.id)).toEqual([])
    const { token, tokenId } = await f.store.tenants.enableProvisioning(tenant.id)
    expect(token).toMatch(/^pvs_[A-Za-z0-9_-]{43}$/)
    const auth = await f.store.tenants.authenticate(token)
    expect(auth?.tenant).toMatchObject({ id: tenant.id, provisioningEnabled: true })
    expect(auth?.tokenId).toBe(tokenId)

    const stored = await f.database.db
      .selectFrom('provider_tokens')
      .selectAll()
      .where('id', '=', tokenId)
      .execute()
    expect(stored).toHaveLength(1)
    expect(stored[0].token_hash).toBe(hashToken(token))
    const dump = JSON.stringify(await sql`select * from provider_tokens`.execute(f.database.db))
    expect(dump).not.toContain(token)
    expect(dump).not.toContain(token.slice(4))
  })

  it('rejects unknown, malformed and near-miss tokens', async () => {
    const tenant = await f.store.tenants.create('Rejecto')
    const { token } = await f.store.tenants.enableProvisioning(tenant.id)
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')
    expect(await f.store.tenants.authenticate(flipped)).toBeUndefined()
    expect(await f.store.tenants.authenticate('')).toBeUndefined()
    expect(await f.store.tenants.authenticate('pvs_short')).toBeUndefined()
    expect(await f.store.tenants.authenticate(`${token} `)).toBeUndefined()
  })

  it('rotates: the new token works, the old one no longer does', async () => {
    const tenant = await f.store.tenants.create('Rotor')
    const first = await f.store.tenants.enableProvisioning(tenant.id)
    const second = await f.store.tenants.rotateToken(tenant.id)
    expect(second.token).not.toBe(first.token)
    expect(await f.store.tenants.authenticate(first.token)).toBeUndefined()
    expect((await f.store.tenants.authenticate(second.token))?.tokenId).toBe(second.tokenId)
    const tokens = await f.store.tenants.tokens(tenant.id)
    expect(tokens.map((t) => [t.id, t.revokedAt === null])).toEqual([
      [second.tokenId, true],
      [first.tokenId, false],
    ])
    expect(JSON.stringify(tokens)).not.toContain(second.token)
  })

  it('revokes tokens, and disabling provisioning stops them until enabled again', async () => {
    const tenant = await f.store.tenants.create('Revoker')
    const a = await f.store.tenants.enableProvisioning(tenant.id)
    const b = await f.store.tenants.enableProvisioning(tenant.id)
    await f.store.tenants.revokeTokens(tenant.id, a.tokenId)
    expect(await f.store.tenants.authenticate(a.token)).toBeUndefined()
    expect(await f.store.tenants.authenticate(b.token)).toBeDefined()

    await f.store.tenants.disableProvisioning(tenant.id)
    expect(await f.store.tenants.authenticate(b.token)).toBeUndefined()
    const c = await f.store.tenants.enableProvisioning(tenant.id)
    expect(await f.store.tenants.authenticate(b.token)).toBeDefined()

    await f.store.tenants.revokeTokens(tenant.id)
    expect(await f.store.tenants.authenticate(b.token)).toBeUndefined()
    expect(await f.store.tenants.authenticate(c.token)).toBeUndefined()
  })

  it('records the last-used time at most once a minute', async () => {
    const tenant = await f.store.tenants.create('Usage')
    const { token, tokenId } = await f.store.tenants.enableProvisioning(tenant.id)
    const lastUsed = async () =>
      (await f.store.tenants.tokens(tenant.id)).find((t) => t.id === tokenId)!.lastUsedAt
    expect(await lastUsed()).toBeNull()
    await f.store.tenants.authenticate(token)
    const first = await lastUsed()
    expect(first).not.toBeNull()
    time.advance(10_000)
    await f.store.tenants.authenticate(token)
    expect(await lastUsed()).toBe(first)
    time.advance(60_000)
    await f.store.tenants.authenticate(token)
    expect(Date.parse((await lastUsed())!)).toBeGreaterThan(Date.parse(first!) + 60_000)
  })

  it('says which tenant is missing', async () => {
    await expect(f.store.tenants.enableProvisioning('missing')).rejects.toBeInstanceOf(NotFoundError)
    await expect(f.store.tenants.tokens('missing')).rejects.toBeInstanceOf(NotFoundError)
  })
})
