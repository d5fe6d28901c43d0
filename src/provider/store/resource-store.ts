import type { ScimResource } from '../../scim/schema/types.js'
import { checkEmployeeReferences, type EmployeeAttributes } from './employee-references.js'
import { detachFromGroups } from './membership.js'
import { type ReadRow, readStored } from './read-resources.js'
import { patchResource } from './resource-patch.js'
import { queryResources } from './resource-query.js'
import { type StoredResource, toResource } from './resource-rows.js'
import {
  checkIfMatch,
  notFound,
  selectRow,
  selectUserWithGroups,
  transaction,
  withRetries,
  writeResource,
} from './resource-writes.js'
import type { StoreContext } from './store-context.js'
import type { ReadOptions, ResourceStore, ResourceTypeName, WriteOptions } from './types.js'

/** One tenant's Users and Groups on the database. */
export function createResourceStore(context: StoreContext, tenantId: string): ResourceStore {
  const { db } = context.database

  async function getStored(
    type: ResourceTypeName,
    id: string,
    options: ReadOptions = {},
  ): Promise<StoredResource> {
    const row =
      type === 'User' && options.includeGroups !== false
        ? await selectUserWithGroups(db, tenantId, id)
        : await selectRow(db, tenantId, type, id)
    if (!row) throw notFound(type, id)
    return storedOf(type, row, options)
  }

  /** The stored resource of a row just read or written, with the derived attributes asked for. */
  async function storedOf(
    type: ResourceTypeName,
    row: ReadRow,
    options: ReadOptions,
  ): Promise<StoredResource> {
    const [stored] = await readStored(db, tenantId, type, [row], options)
    return stored
  }

  /** The resource of a row just written, with the derived attributes asked for. */
  async function answer(
    type: ResourceTypeName,
    row: ReadRow,
    options: ReadOptions = {},
  ): Promise<ScimResource> {
    return toResource(await storedOf(type, row, options))
  }

  /** A User's `employee` custom attributes (none for Groups, or when the tenant has none). */
  async function employeesOf(type: ResourceTypeName): Promise<EmployeeAttributes | undefined> {
    if (type !== 'User') return undefined
    const { employees } = await context.schemas(tenantId)
    return employees.names.length > 0 ? employees : undefined
  }

  return {
    tenantId,

    async create(type, resource, options) {
      const id = context.newId().toLowerCase()
      const now = context.now()
      const employees = await employeesOf(type)
      const row = await transaction(context, async (trx) => {
        if (employees) await checkEmployeeReferences(trx, tenantId, resource, employees)
        return writeResource(trx, tenantId, type, id, resource, now, undefined)
      })
      // A new User is in no group yet.
      return answer(type, row!, type === 'User' ? { includeGroups: false } : options)
    },

    get: async (type, id, options) => toResource(await getStored(type, id, options)),

    getStored,

    async replace(type, id, resource, options = {}) {
      const employees = await employeesOf(type)
      const row = await withRetries(options.ifMatch, () =>
        transaction(context, async (trx) => {
          const current = await selectRow(trx, tenantId, type, id)
          if (!current) throw notFound(type, id)
          checkIfMatch(options.ifMatch, current.version)
          if (employees) await checkEmployeeReferences(trx, tenantId, resource, employees)
          return writeResource(trx, tenantId, type, id, resource, context.now(), current)
        }),
      )
      return answer(type, row, options)
    },

    async patch(type, id, operations, options = {}) {
      const schemas = await context.schemas(tenantId)
      const row = await patchResource(context, {
        tenantId,
        type,
        id,
        operations,
        schema: schemas.resource(type),
        employees: type === 'User' ? schemas.employees : undefined,
        ifMatch: options.ifMatch,
      })
      return answer(type, row, options)
    },

    async delete(type, id, options: WriteOptions = {}) {
      await transaction(context, async (trx) => {
        const row = await selectRow(trx, tenantId, type, id)
        if (!row) throw notFound(type, id)
        checkIfMatch(options.ifMatch, row.version)
        await detachFromGroups(trx, tenantId, id, context.now())
        const table = type === 'User' ? 'scim_users' : 'scim_groups'
        await trx.deleteFrom(table).where('tenant_id', '=', tenantId).where('id', '=', id).execute()
      })
    },

    async query(type, options = {}) {
      const result = await queryResources(context, tenantId, type, options)
      return { ...result, resources: result.resources.map(toResource) }
    },

    queryStored: (type, options = {}) => queryResources(context, tenantId, type, options),
  }
}
