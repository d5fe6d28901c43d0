import { randomBytes } from 'node:crypto'
import type { Database } from '../../db/database.js'
import { createActivityLog } from '../activity/activity-log.js'
import { createTenantSchemaCache } from '../tenants/tenant-schemas.js'
import { createTenantStore } from '../tenants/tenant-store.js'
import { createResourceStore } from './resource-store.js'
import type { StoreContext } from './store-context.js'
import { timeOrderedId } from './time-ordered-id.js'
import type { ProviderStore, ProviderStoreOptions, ResourceStore } from './types.js'

const MAX_CACHED_STORES = 10_000

/**
 * The provider store on an open, migrated database: tenants and tokens, per-tenant Users and Groups, activity log.
 * One instance per process; it caches each tenant's schemas.
 *
 * @example
 * const store = openProviderStore(database, { cursorSecret: process.env.PROVISIO_CURSOR_SECRET })
 * const tenant = await store.tenants.create('Acme')
 * const { token } = await store.tenants.enableProvisioning(tenant.id)
 * const user = await store.resources(tenant.id).create('User', { schemas: [...], userName: 'ann@acme.test' })
 */
export function openProviderStore(database: Database, options: ProviderStoreOptions = {}): ProviderStore {
  const clock = options.clock ?? (() => new Date())
  const secret = options.cursorSecret ?? randomBytes(32)
  const schemaCache = createTenantSchemaCache(database)
  const context: StoreContext = {
    database,
    now: () => clock().toISOString(),
    newId: options.newId ?? timeOrderedId,
    randomBytes: options.randomBytes ?? randomBytes,
    cursorKey: typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret,
    lastUsedGranularityMs: options.lastUsedGranularityMs ?? 60_000,
    schemas: (tenantId) => schemaCache.get(tenantId),
  }
  // One resource store per tenant, made on first use: a request then costs no new closures.
  const resourceStores = new Map<string, ResourceStore>()
  return {
    tenants: createTenantStore(context, (tenantId) => schemaCache.invalidate(tenantId)),
    activity: createActivityLog(context),
    resources(tenantId) {
      let store = resourceStores.get(tenantId)
      if (!store) {
        if (resourceStores.size >= MAX_CACHED_STORES) resourceStores.clear()
        store = createResourceStore(context, tenantId)
        resourceStores.set(tenantId, store)
      }
      return store
    },
  }
}
