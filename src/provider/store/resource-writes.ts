import type { Kysely } from 'kysely'
import { ConflictError, normaliseDbError } from '../../db/conflict-error.js'
import type { Tables } from '../../db/tables/index.js'
import type { ScimResource } from '../../scim/schema/types.js'
import { NotFoundError, PreconditionFailedError, UniquenessError } from './errors.js'
import { deleteMembers, insertMembers, memberTypes } from './membership.js'
import {
  emailRows,
  groupColumns,
  memberIds,
  type StoredRow,
  userColumns,
  versionTag,
} from './resource-rows.js'
import type { StoreContext } from './store-context.js'
import type { ResourceTypeName } from './types.js'

type Db = Kysely<Tables>

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

/** The NotFoundError of a resource. */
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
export async function withRetries(
  ifMatch: string | undefined,
  attempt: () => Promise<boolean>,
): Promise<void> {
  for (let i = 1; ; i++) {
    if (await attempt()) return
    if (ifMatch !== undefined)
      throw new PreconditionFailedError('The resource changed while it was being updated')
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
      await trx
        .deleteFrom('scim_user_emails')
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', id)
        .execute()
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
  if (members.length > 0)
    await insertMembers(trx, tenantId, id, await memberTypes(trx, tenantId, id, members))
  return true
}
