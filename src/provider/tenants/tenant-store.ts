import { withConflicts } from '../../db/conflict-error.js'
import type { ProviderTenantRow } from '../../db/tables/provider-tables.js'
import { InvalidValueError, NotFoundError, UniquenessError } from '../store/errors.js'
import type { StoreContext } from '../store/store-context.js'
import type { Authenticated, IssuedToken, Tenant, TenantStore, TokenInfo } from '../store/types.js'
import { hashesMatch, hashToken, isWellFormedToken, newBearerToken } from './bearer-token.js'
import { createCustomAttributes } from './custom-attributes.js'

/** The default URN of a tenant's custom User extension (Peakon's). */
export const DEFAULT_CUSTOM_SCHEMA = 'urn:ietf:params:scim:schemas:extension:peakon:2.0:User'

/** Tenants and their tokens on the database; `invalidate` drops a tenant's cached schemas. */
export function createTenantStore(
  context: StoreContext,
  invalidate: (tenantId: string) => void,
): TenantStore {
  const { db } = context.database
  const lastUsedWritten = new Map<string, number>()

  async function requireTenant(tenantId: string): Promise<Tenant> {
    const tenant = await get(tenantId)
    if (!tenant) throw new NotFoundError(`Tenant ${tenantId} not found`)
    return tenant
  }

  async function get(tenantId: string): Promise<Tenant | undefined> {
    const row = await db
      .selectFrom('provider_tenants')
      .selectAll()
      .where('id', '=', tenantId)
      .executeTakeFirst()
    return row && toTenant(row)
  }

  async function issue(tenantId: string, revokeOthers: boolean): Promise<IssuedToken> {
    await requireTenant(tenantId)
    const token = newBearerToken(context.randomBytes)
    const tokenId = context.newId()
    const now = context.now()
    await db.transaction().execute(async (trx) => {
      if (revokeOthers) {
        await trx
          .updateTable('provider_tokens')
          .set({ revoked_at: now })
          .where('tenant_id', '=', tenantId)
          .where('revoked_at', 'is', null)
          .execute()
      }
      await trx
        .insertInto('provider_tokens')
        .values({ id: tokenId, tenant_id: tenantId, token_hash: hashToken(token), created_at: now })
        .execute()
      await trx
        .updateTable('provider_tenants')
        .set({ provisioning_enabled: 1 })
        .where('id', '=', tenantId)
        .execute()
    })
    return { tokenId, token }
  }

  const customAttributes = createCustomAttributes(context, requireTenant, invalidate)

  return {
    async create(name) {
      const trimmed = name.trim()
      if (trimmed === '') throw new InvalidValueError('A tenant name must not be empty')
      const row: ProviderTenantRow = {
        id: context.newId(),
        name: trimmed,
        name_lower: trimmed.toLowerCase(),
        created_at: context.now(),
        provisioning_enabled: 0,
        custom_schema: DEFAULT_CUSTOM_SCHEMA,
      }
      try {
        await withConflicts(() => db.insertInto('provider_tenants').values(row).execute())
      } catch (error) {
        if ((error as { code?: string }).code === 'DB_CONFLICT') {
          throw new UniquenessError(`A tenant named "${trimmed}" already exists`)
        }
        throw error
      }
      return toTenant(row)
    },

    get,

    async getByName(name) {
      const row = await db
        .selectFrom('provider_tenants')
        .selectAll()
        .where('name_lower', '=', name.trim().toLowerCase())
        .executeTakeFirst()
      return row && toTenant(row)
    },

    async list() {
      const rows = await db.selectFrom('provider_tenants').selectAll().orderBy('name_lower').execute()
      return rows.map(toTenant)
    },

    enableProvisioning: (tenantId) => issue(tenantId, false),

    async disableProvisioning(tenantId) {
      await requireTenant(tenantId)
      await db
        .updateTable('provider_tenants')
        .set({ provisioning_enabled: 0 })
        .where('id', '=', tenantId)
        .execute()
    },

    rotateToken: (tenantId) => issue(tenantId, true),

    async revokeTokens(tenantId, tokenId) {
      await requireTenant(tenantId)
      let update = db
        .updateTable('provider_tokens')
        .set({ revoked_at: context.now() })
        .where('tenant_id', '=', tenantId)
        .where('revoked_at', 'is', null)
      if (tokenId !== undefined) update = update.where('id', '=', tokenId)
      await update.execute()
    },

    async tokens(tenantId) {
      await requireTenant(tenantId)
      const rows = await db
        .selectFrom('provider_tokens')
        .select(['id', 'tenant_id', 'created_at', 'last_used_at', 'revoked_at'])
        .where('tenant_id', '=', tenantId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute()
      return rows.map(
        (r): TokenInfo => ({
          id: r.id,
          tenantId: r.tenant_id,
          createdAt: r.created_at,
          lastUsedAt: r.last_used_at,
          revokedAt: r.revoked_at,
        }),
      )
    },

    async authenticate(token): Promise<Authenticated | undefined> {
      if (!isWellFormedToken(token)) return undefined
      const hash = hashToken(token)
      const row = await db
        .selectFrom('provider_tokens as k')
        .innerJoin('provider_tenants as t', 't.id', 'k.tenant_id')
        .select(['k.id as token_id', 'k.token_hash', 'k.revoked_at', 'k.last_used_at'])
        .selectAll('t')
        .where('k.token_hash', '=', hash)
        .executeTakeFirst()
      if (!row || !hashesMatch(row.token_hash, hash)) return undefined
      if (row.revoked_at !== null || row.provisioning_enabled !== 1) return undefined
      await touch(row.token_id, row.last_used_at)
      return { tenant: toTenant(row), tokenId: row.token_id }
    },

    ...customAttributes,
  }

  /** Records a token's last use, at most once per granularity window (remembered in memory and in the row). */
  async function touch(tokenId: string, lastUsedAt: string | null): Promise<void> {
    const now = context.now()
    const nowMs = Date.parse(now)
    const previous = Math.max(lastUsedWritten.get(tokenId) ?? 0, lastUsedAt ? Date.parse(lastUsedAt) : 0)
    if (nowMs - previous < context.lastUsedGranularityMs) return
    lastUsedWritten.set(tokenId, nowMs)
    await db.updateTable('provider_tokens').set({ last_used_at: now }).where('id', '=', tokenId).execute()
  }
}

function toTenant(row: ProviderTenantRow): Tenant {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    provisioningEnabled: row.provisioning_enabled === 1,
    customSchema: row.custom_schema,
  }
}
