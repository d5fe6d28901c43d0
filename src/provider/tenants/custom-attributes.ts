import { InvalidValueError, NotFoundError } from '../store/errors.js'
import type { StoreContext } from '../store/store-context.js'
import type { CustomAttribute, CustomAttributeType, Tenant, TenantStore } from '../store/types.js'

const TYPES: readonly CustomAttributeType[] = ['string', 'date', 'integer', 'employee']
/** Letters, digits, spaces, `_` and `-`: names that attribute paths and filters can carry. */
const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} _-]{0,127}$/u

type CustomAttributeMethods = Pick<
  TenantStore,
  'defineCustomAttribute' | 'removeCustomAttribute' | 'customAttributes' | 'schemas'
>

/** The custom-attribute part of the tenant store: definitions per tenant, and the tenant's schemas. */
export function createCustomAttributes(
  context: StoreContext,
  requireTenant: (tenantId: string) => Promise<Tenant>,
  invalidate: (tenantId: string) => void,
): CustomAttributeMethods {
  const { db } = context.database
  return {
    async defineCustomAttribute(tenantId, { name, type, description }) {
      await requireTenant(tenantId)
      const trimmed = name.trim()
      if (!NAME_PATTERN.test(trimmed)) {
        throw new InvalidValueError(
          `Custom attribute name "${name}" must start with a letter or digit and hold only letters, digits, spaces, "_" and "-" (at most 128 characters)`,
        )
      }
      if (!TYPES.includes(type)) {
        throw new InvalidValueError(`Custom attribute type "${type}" must be one of ${TYPES.join(', ')}`)
      }
      const row = {
        tenant_id: tenantId,
        name_lower: trimmed.toLowerCase(),
        name: trimmed,
        type,
        description: description ?? '',
        created_at: context.now(),
      }
      await db
        .insertInto('provider_custom_attributes')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['tenant_id', 'name_lower'])
            .doUpdateSet({ name: row.name, type, description: row.description }),
        )
        .execute()
      invalidate(tenantId)
      const stored = await db
        .selectFrom('provider_custom_attributes')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('name_lower', '=', row.name_lower)
        .executeTakeFirstOrThrow()
      return toCustomAttribute(stored)
    },

    async removeCustomAttribute(tenantId, name) {
      await requireTenant(tenantId)
      const result = await db
        .deleteFrom('provider_custom_attributes')
        .where('tenant_id', '=', tenantId)
        .where('name_lower', '=', name.trim().toLowerCase())
        .executeTakeFirst()
      if (Number(result.numDeletedRows) === 0) throw new NotFoundError(`Custom attribute "${name}" not found`)
      invalidate(tenantId)
    },

    async customAttributes(tenantId) {
      await requireTenant(tenantId)
      const rows = await db
        .selectFrom('provider_custom_attributes')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('name_lower')
        .execute()
      return rows.map(toCustomAttribute)
    },

    schemas: (tenantId) => context.schemas(tenantId),
  }
}

/** A custom attribute from its row. */
export function toCustomAttribute(row: {
  name: string
  type: string
  description: string
  created_at: string
}): CustomAttribute {
  return {
    name: row.name,
    type: row.type as CustomAttributeType,
    description: row.description,
    createdAt: row.created_at,
  }
}
