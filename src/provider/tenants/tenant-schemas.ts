import type { Database } from '../../db/database.js'
import { createDefaultRegistry } from '../../scim/schema/schema-registry.js'
import { NotFoundError } from '../store/errors.js'
import type { TenantSchemas } from '../store/types.js'
import { toCustomAttribute } from './custom-attributes.js'
import { customExtensionSchema } from './custom-extension-schema.js'

/** Per-tenant schemas built from the default registry plus the tenant's custom extension, cached until invalidated. */
export interface TenantSchemaCache {
  get(tenantId: string): Promise<TenantSchemas>
  invalidate(tenantId: string): void
}

/** A cache of tenant schemas read from the database. */
export function createTenantSchemaCache(database: Database): TenantSchemaCache {
  const cache = new Map<string, Promise<TenantSchemas>>()

  async function build(tenantId: string): Promise<TenantSchemas> {
    const { db } = database
    const tenant = await db
      .selectFrom('provider_tenants')
      .select('custom_schema')
      .where('id', '=', tenantId)
      .executeTakeFirst()
    if (!tenant) throw new NotFoundError(`Tenant ${tenantId} not found`)
    const rows = await db
      .selectFrom('provider_custom_attributes')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('name_lower')
      .execute()
    const attributes = rows.map(toCustomAttribute)
    const registry = createDefaultRegistry()
    registry.registerSchema(customExtensionSchema(tenant.custom_schema, attributes))
    registry.addSchemaExtension('User', tenant.custom_schema, false)
    const user = registry.resourceSchema('User')
    const group = registry.resourceSchema('Group')
    const employees = {
      schema: tenant.custom_schema,
      names: attributes.filter((a) => a.type === 'employee').map((a) => a.name),
    }
    return { registry, resource: (type) => (type === 'User' ? user : group), employees }
  }

  return {
    get(tenantId) {
      let entry = cache.get(tenantId)
      if (!entry) {
        entry = build(tenantId)
        cache.set(tenantId, entry)
        entry.catch(() => cache.delete(tenantId))
      }
      return entry
    },
    invalidate(tenantId) {
      cache.delete(tenantId)
    },
  }
}
