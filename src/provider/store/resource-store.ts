import type { Kysely } from 'kysely'
import { ConflictError, normaliseDbError } from '../../db/conflict-error.js'
import type { Tables } from '../../db/tables/index.js'
import type { ScimResource } from '../../scim/schema/types.js'
import { NotFoundError, PreconditionFailedError, UniquenessError } from './errors.js'
import { deleteMembers, detachFromGroups, insertMembers, memberTypes } from './membership.js'
import { readResources } from './read-resources.js'
import { patchResource } from './resource-patch.js'
import { queryResources } from './resource-query.js'
import { emailRows, groupColumns, memberIds, type StoredRow, userColumns, versionTag } from './resource-rows.js'
import type { StoreContext } from './store-context.js'
import type { ReadOptions, ResourceStore, ResourceTypeName, WriteOptions } from './types.js'

type Db = Kysely<Tables>

/** One tenant's Users and Groups on the database. */
export function createResourceStore(context: StoreContext, tenantId: string): ResourceStore {
  const { db } = context.database

  async function read(type: ResourceTypeName, id: string, options: ReadOptions = {}): Promise<ScimResource> {
    const row = await selectRow(db, tenantId, type, id)
    if (!row) throw notFound(type, id)
    const [resource] = await readResources(db, tenantId, type, [row], options)
    return resource
  }

  return {
    tenantId,

    async create(type, resource, options) {
      const id = context.newId().toLowerCase()
      const now = context.now()
      await transaction(context, (trx) => writeResource(trx, tenantId, type, id, resource, now, undefined))
      return read(type, id, options)
    },

    get: read,

    async replace(type, id, resource, options = {}) {
      await withRetries(options.ifMatch, () =>
        transaction(context, async (trx) => {
          const row = await selectRow(trx, tenantId, type, id)
          if (!row) throw notFound(type, id)
          checkIfMatch(options.ifMatch, row.version)
          return writeResource(trx, tenantId, type, id, resource, context.now(), row.version)
        }),
      )
      return read(type, id, options)
    },

    async patch(type, id, operations, options = {}) {
      const schema = (await context.schemas(tenantId)).resource(type)
      await patchResource(context, { tenantId, type, id, operations, schema, ifMatch: options.ifMatch })
      return read(type, id, options)
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

/** The stored row of a resource of the tenant, or undefined. */
export async function selectRow(
  db: Db,
  tenantId: string,
  type: ResourceTypeName,
  id: string,
): Promise<StoredRow | undefined> {
  const table = type === 'User' ? 'scim_users' : 'scim_groups'
  return db
    .selectFrom(table)
    .select(['id', 'created', 'last_modified', 'version', 'data'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export function notFound(type: ResourceTypeName, id: string): NotFoundError {
  return new NotFoundError(`${type} ${id} not found`)
}

/**
 * Throws PreconditionFailedError unless `ifMatch` (an If-Match value: `*`, or entity tags, weak or strong,
 * comma-separated) matches the version.
 */
export function checkIfMatch(ifMatch: string | undefined, version: number): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return
  const current = String(version)
  const tags = ifMatch.split(',').map((t) => t.trim().replace(/^W\//i, '').replace(/^"|"$/g, ''))
  if (!tags.includes(current)) {
    throw new PreconditionFailedError(`The resource has version ${versionTag(version)}, not ${ifMatch}`)
  }
}

/** Runs `fn` in a transaction, turning unique violations into UniquenessError. */
export async function transaction<T>(context: StoreContext, fn: (trx: Db) => Promise<T>): Promise<T> {
  try {
    return await context.database.db.transaction().execute(fn)
  } catch (error) {
    const normalised = normaliseDbError(error)
    if (normalised instanceof ConflictError) {
      throw new UniquenessError(
        /display_name/.test(normalised.message + normalised.constraint)
          ? 'A Group with this displayName already exists in this tenant (names ignore case)'
          : 'A User with this userName already exists in this tenant (names ignore case)',
      )
    }
    throw normalised
  }
}

const MAX_ATTEMPTS = 5

/**
 * Runs an optimistic write until it finds the version it read still current (`attempt` returns true). With an
 * If-Match the first lost race is a PreconditionFailedError, since the version the client named is gone.
 */
export async function withRetries(ifMatch: string | undefined, attempt: () => Promise<boolean>): Promise<void> {
  for (let i = 1; ; i++) {
    if (await attempt()) return
    if (ifMatch !== undefined) throw new PreconditionFailedError('The resource changed while it was being updated')
    if (i >= MAX_ATTEMPTS) throw new PreconditionFailedError('The resource keeps changing; try again')
  }
}

/**
 * Inserts (`version` undefined) or rewrites a resource with its indexed columns, emails (Users) or members (Groups,
 * which must be Users or Groups of the tenant). A rewrite happens only if the stored version is still `version`;
 * returns whether it did.
 */
export async function writeResource(
  trx: Db,
  tenantId: string,
  type: ResourceTypeName,
  id: string,
  resource: ScimResource,
  now: string,
  version: number | undefined,
): Promise<boolean> {
  if (type === 'User') {
    const columns = userColumns(resource)
    if (version === undefined) {
      await trx
        .insertInto('scim_users')
        .values({ tenant_id: tenantId, id, ...columns, created: now, last_modified: now, version: 1 })
        .execute()
    } else {
      const updated = await trx
        .updateTable('scim_users')
        .set({ ...columns, last_modified: now, version: version + 1 })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) === 0) return false
      await trx.deleteFrom('scim_user_emails').where('tenant_id', '=', tenantId).where('user_id', '=', id).execute()
    }
    const emails = emailRows(tenantId, id, resource)
    if (emails.length > 0) await trx.insertInto('scim_user_emails').values(emails).execute()
    return true
  }
  const columns = groupColumns(resource)
  const members = memberIds(resource).map((m) => m.toLowerCase())
  if (version === undefined) {
    await trx
      .insertInto('scim_groups')
      .values({ tenant_id: tenantId, id, ...columns, created: now, last_modified: now, version: 1 })
      .execute()
  } else {
    const updated = await trx
      .updateTable('scim_groups')
      .set({ ...columns, last_modified: now, version: version + 1 })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0) return false
    await deleteMembers(trx, tenantId, id, undefined)
  }
  if (members.length > 0) await insertMembers(trx, tenantId, id, await memberTypes(trx, tenantId, id, members))
  return true
}
