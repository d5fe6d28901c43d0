import type { Kysely } from 'kysely'
import { ConflictError, normaliseDbError } from '../../db/conflict-error.js'
import type { Tables } from '../../db/tables/index.js'
import type { ScimResource } from '../../scim/schema/types.js'
import { NotFoundError, PreconditionFailedError, UniquenessError } from './errors.js'
import { addMembers, deleteMembers, groupsColumn } from './membership.js'
import { prepareQuery } from './prepared-query.js'
import type { ReadRow } from './read-resources.js'
import {
  emailRows,
  groupColumns,
  memberIds,
  STORED_COLUMNS,
  type StoredRow,
  userColumns,
  versionTag,
} from './resource-rows.js'
import type { StoreContext } from './store-context.js'
import type { ResourceTypeName } from './types.js'

type Db = Kysely<Tables>

const selectRows = {
  User: prepareQuery<StoredRow, 'tenant' | 'id'>((db, p) =>
    db
      .selectFrom('scim_users')
      .select(STORED_COLUMNS)
      .where('tenant_id', '=', p('tenant'))
      .where('id', '=', p('id')),
  ),
  Group: prepareQuery<StoredRow, 'tenant' | 'id'>((db, p) =>
    db
      .selectFrom('scim_groups')
      .select(STORED_COLUMNS)
      .where('tenant_id', '=', p('tenant'))
      .where('id', '=', p('id')),
  ),
}

/** A User's row with its groups (groupsColumn): one statement for GET. */
const userWithGroups = prepareQuery<ReadRow, 'tenant' | 'id'>((db, p, dialect) =>
  db
    .selectFrom('scim_users as r')
    .select([...STORED_COLUMNS, groupsColumn(dialect).as('groups_json')])
    .where('r.tenant_id', '=', p('tenant'))
    .where('r.id', '=', p('id')),
)

/** The stored row of a resource of the tenant, or undefined. */
export async function selectRow(
  db: Db,
  tenantId: string,
  type: ResourceTypeName,
  id: string,
): Promise<StoredRow | undefined> {
  return (await selectRows[type].select(db, { tenant: tenantId, id }))[0]
}

/** The stored row of a User of the tenant with its groups (for readResources), or undefined. */
export async function selectUserWithGroups(
  db: Db,
  tenantId: string,
  id: string,
): Promise<ReadRow | undefined> {
  return (await userWithGroups.select(db, { tenant: tenantId, id }))[0]
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
 * Runs an optimistic write until it finds the version it read still current (`attempt` returns a result rather
 * than undefined). With an If-Match the first lost race is a PreconditionFailedError: the version the client named
 * is gone.
 */
export async function withRetries<T>(
  ifMatch: string | undefined,
  attempt: () => Promise<T | undefined>,
): Promise<T> {
  for (let i = 1; ; i++) {
    const result = await attempt()
    if (result !== undefined) return result
    if (ifMatch !== undefined)
      throw new PreconditionFailedError('The resource changed while it was being updated')
    if (i >= MAX_ATTEMPTS) throw new PreconditionFailedError('The resource keeps changing; try again')
  }
}

/** Prepared insert and optimistic update of one resource table, over the given indexed columns and `data`. */
function preparedWrites(table: 'scim_users' | 'scim_groups', columns: readonly string[]) {
  const slots = (names: readonly string[], p: (name: string) => string) =>
    Object.fromEntries(names.map((name) => [name, p(name)])) as never
  return {
    insert: prepareQuery<unknown, string>((db, p) =>
      db
        .insertInto(table)
        .values(slots(['tenant_id', 'id', ...columns, 'created', 'last_modified', 'version'], p)),
    ),
    update: prepareQuery<unknown, string>((db, p) =>
      db
        .updateTable(table)
        .set(slots([...columns, 'last_modified', 'version'], p))
        .where('tenant_id', '=', p('tenant_id'))
        .where('id', '=', p('id'))
        .where('version', '=', p('expected') as never),
    ),
  }
}

const WRITES = {
  User: preparedWrites('scim_users', [
    'user_name',
    'user_name_lower',
    'external_id',
    'display_name',
    'display_name_lower',
    'active',
    'data',
  ]),
  Group: preparedWrites('scim_groups', ['display_name', 'display_name_lower', 'external_id', 'data']),
}

/**
 * Inserts a resource (`existing` undefined, `id` new) or rewrites `existing`, with its indexed columns, emails
 * (Users; rewritten only when they changed) or members (Groups; they must be Users or Groups of the tenant).
 * A rewrite happens only if the stored version is still `existing.version`. Returns the written row, or undefined
 * when the version moved on.
 */
export async function writeResource(
  trx: Db,
  tenantId: string,
  type: ResourceTypeName,
  id: string,
  resource: ScimResource,
  now: string,
  existing: StoredRow | undefined,
): Promise<StoredRow | undefined> {
  const columns = type === 'User' ? userColumns(resource) : groupColumns(resource)
  const row: StoredRow = {
    id,
    created: existing?.created ?? now,
    last_modified: now,
    version: (existing?.version ?? 0) + 1,
    data: columns.data,
  }
  const values: Record<string, unknown> = { ...columns, ...row, tenant_id: tenantId }
  if (existing === undefined) {
    await WRITES[type].insert.run(trx, values)
  } else {
    const updated = await WRITES[type].update.run(trx, { ...values, expected: existing.version })
    if (Number(updated.numAffectedRows ?? 0) === 0) return undefined
  }
  if (type === 'User') await writeEmails(trx, tenantId, id, resource, existing)
  else await writeMembers(trx, tenantId, id, resource, existing !== undefined)
  return row
}

async function writeEmails(
  trx: Db,
  tenantId: string,
  id: string,
  resource: ScimResource,
  existing: StoredRow | undefined,
): Promise<void> {
  const emails = emailRows(tenantId, id, resource)
  if (existing !== undefined) {
    const before = emailRows(tenantId, id, JSON.parse(existing.data) as ScimResource)
    if (JSON.stringify(before) === JSON.stringify(emails)) return
    await trx
      .deleteFrom('scim_user_emails')
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', id)
      .execute()
  }
  if (emails.length > 0) await trx.insertInto('scim_user_emails').values(emails).execute()
}

async function writeMembers(
  trx: Db,
  tenantId: string,
  id: string,
  resource: ScimResource,
  replacing: boolean,
): Promise<void> {
  const members = memberIds(resource).map((m) => m.toLowerCase())
  if (replacing) await deleteMembers(trx, tenantId, id, undefined)
  if (members.length > 0) await addMembers(trx, tenantId, id, members)
}
