import type { ScimResource } from '../../scim/schema/types.js'
import { checkEmployeeReferences, type EmployeeAttributes } from './employee-references.js'
import { detachFromGroups } from './membership.js'
import { type ReadRow, readResources } from './read-resources.js'
import { patchResource } from './resource-patch.js'
import { queryResources } from './resource-query.js'
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

  async function read(type: ResourceTypeName, id: string, options: ReadOptions = {}): Promise<ScimResource> {
    const row =
      type === 'User' && options.includeGroups !== false
        ? await selectUserWithGroups(db, tenantId, id)
        : await selectRow(db, tenantId, type, id)
    if (!row) throw notFound(type, id)
    return answer(type, row, options)
  }

  /** The resource of a row just read or written, with the derived attributes asked for. */
  async function answer(
    type: ResourceTypeName,
    row: ReadRow,
    options: ReadOptions = {},
  ): Promise<ScimResource> {
    const [resource] = await readResources(db, tenantId, type, [row], options)
    return resource
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

    get: read,

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

    query: (type, options = {}) => queryResources(context, tenantId, type, options),
  }
}
