import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { SqlDialect } from '../../db/database.js'
import type { Tables } from '../../db/tables/index.js'
import { InvalidValueError } from './errors.js'
import { prepareQuery } from './prepared-query.js'

type Db = Kysely<Tables>
type MemberType = 'User' | 'Group'

/** Rows per statement: keeps every statement well under both drivers' bind-parameter limits. */
const CHUNK = 1000

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}

/** A member as a Group returns it (`$ref` is left to the HTTP layer, which knows the base URL). */
export interface MemberValue {
  value: string
  type: MemberType
  display?: string
}

/** A group as a User's derived `groups` shows it (direct memberships only). */
export interface GroupValue {
  value: string
  display: string
  type: 'direct'
}

/**
 * The type of each member id: a User or Group of the tenant. Throws InvalidValueError naming the first id that is
 * neither, or the group itself.
 */
export async function memberTypes(
  db: Db,
  tenantId: string,
  groupId: string,
  ids: readonly string[],
): Promise<Map<string, MemberType>> {
  const types = new Map<string, MemberType>()
  if (ids.includes(groupId)) throw new InvalidValueError(`A group cannot be a member of itself (${groupId})`)
  for (const chunk of chunks(ids)) {
    const users = await db
      .selectFrom('scim_users')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', chunk)
      .execute()
    for (const u of users) types.set(u.id, 'User')
    if (users.length === chunk.length) continue
    const groups = await db
      .selectFrom('scim_groups')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', chunk)
      .execute()
    for (const g of groups) types.set(g.id, 'Group')
  }
  const unknown = ids.find((id) => !types.has(id))
  if (unknown !== undefined) {
    throw new InvalidValueError(`members: no User or Group with id "${unknown}" exists in this tenant`)
  }
  return types
}

/** Adds members (ids already checked with memberTypes); existing ones are left alone. Returns how many were new. */
export async function insertMembers(
  db: Db,
  tenantId: string,
  groupId: string,
  types: ReadonlyMap<string, MemberType>,
): Promise<number> {
  let added = 0
  for (const chunk of chunks([...types])) {
    const result = await db
      .insertInto('scim_group_members')
      .values(
        chunk.map(([id, type]) => ({
          tenant_id: tenantId,
          group_id: groupId,
          member_id: id,
          member_type: type,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst()
    added += Number(result.numInsertedOrUpdatedRows ?? 0)
  }
  return added
}

/** Removes the given members (or every member when `ids` is undefined). Returns how many were removed. */
export async function deleteMembers(
  db: Db,
  tenantId: string,
  groupId: string,
  ids: readonly string[] | undefined,
): Promise<number> {
  const base = db
    .deleteFrom('scim_group_members')
    .where('tenant_id', '=', tenantId)
    .where('group_id', '=', groupId)
  if (ids === undefined) return Number((await base.executeTakeFirst()).numDeletedRows)
  let removed = 0
  for (const chunk of chunks(ids)) {
    removed += Number((await base.where('member_id', 'in', chunk).executeTakeFirst()).numDeletedRows)
  }
  return removed
}

/**
 * Takes a User or Group out of every group it is a member of, bumping those groups' version and lastModified.
 */
export async function detachFromGroups(
  db: Db,
  tenantId: string,
  memberId: string,
  now: string,
): Promise<void> {
  const containing = db
    .selectFrom('scim_group_members')
    .select('group_id')
    .where('tenant_id', '=', tenantId)
    .where('member_id', '=', memberId)
  await db
    .updateTable('scim_groups')
    .set((eb) => ({ version: eb('version', '+', 1), last_modified: now }))
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', containing)
    .execute()
  await db
    .deleteFrom('scim_group_members')
    .where('tenant_id', '=', tenantId)
    .where('member_id', '=', memberId)
    .execute()
}

/** The members of each group, by member id, with a display name (User: displayName or userName). */
export async function loadMembers(
  db: Db,
  tenantId: string,
  groupIds: readonly string[],
): Promise<Map<string, MemberValue[]>> {
  const out = new Map<string, MemberValue[]>(groupIds.map((id) => [id, []]))
  for (const chunk of chunks(groupIds)) {
    const rows = await db
      .selectFrom('scim_group_members as m')
      .leftJoin('scim_users as u', (j) =>
        j.onRef('u.tenant_id', '=', 'm.tenant_id').onRef('u.id', '=', 'm.member_id'),
      )
      .leftJoin('scim_groups as g', (j) =>
        j.onRef('g.tenant_id', '=', 'm.tenant_id').onRef('g.id', '=', 'm.member_id'),
      )
      .select((eb) => [
        'm.group_id',
        'm.member_id',
        'm.member_type',
        eb.fn.coalesce('u.display_name', 'u.user_name', 'g.display_name').as('display'),
      ])
      .where('m.tenant_id', '=', tenantId)
      .where('m.group_id', 'in', chunk)
      .orderBy('m.group_id')
      .orderBy('m.member_id')
      .execute()
    for (const r of rows) {
      const member: MemberValue = { value: r.member_id, type: r.member_type }
      if (r.display !== null) member.display = r.display
      out.get(r.group_id)!.push(member)
    }
  }
  return out
}

const groupsSelect = (db: Db) =>
  db
    .selectFrom('scim_group_members as m')
    .innerJoin('scim_groups as g', (j) =>
      j.onRef('g.tenant_id', '=', 'm.tenant_id').onRef('g.id', '=', 'm.group_id'),
    )
    .select(['m.member_id', 'g.id', 'g.display_name', 'g.display_name_lower'])

interface GroupOfRow {
  member_id: string
  id: string
  display_name: string
  display_name_lower: string
}

const groupsOfOne = prepareQuery<GroupOfRow, 'tenant' | 'member'>((db, p) =>
  groupsSelect(db).where('m.tenant_id', '=', p('tenant')).where('m.member_id', '=', p('member')),
)

/**
 * A column for a statement that reads Users as `r`: each one's direct groups as JSON, `[[id, display name, display name
 * lowercased], …]`, so that a page of Users needs no second statement. Read it with groupsFromColumn.
 */
export function groupsColumn(dialect: SqlDialect): RawBuilder<unknown> {
  const triples =
    dialect === 'sqlite'
      ? sql`json_group_array(json_array(g.id, g.display_name, g.display_name_lower))`
      : sql`coalesce(json_agg(json_build_array(g.id, g.display_name, g.display_name_lower)), '[]'::json)`
  return sql`(select ${triples} from scim_group_members as m
    inner join scim_groups as g on g.tenant_id = m.tenant_id and g.id = m.group_id
    where m.tenant_id = r.tenant_id and m.member_id = r.id)`
}

/** The groups of a groupsColumn value (JSON text on SQLite, parsed already on PostgreSQL), by display name. */
export function groupsFromColumn(value: unknown): GroupValue[] {
  const triples = (typeof value === 'string' ? JSON.parse(value) : value) as [string, string, string][]
  if (triples.length > 1) triples.sort((a, b) => compareGroups(a[2], a[0], b[2], b[0]))
  return triples.map(([id, display]) => ({ value: id, display, type: 'direct' }))
}

type GroupSortKey = Pick<GroupOfRow, 'id' | 'display_name_lower'>

/** By display name, then id. Sorted here: an ORDER BY would lead SQLite to walk every group of the tenant. */
function byDisplayName(a: GroupSortKey, b: GroupSortKey): number {
  return compareGroups(a.display_name_lower, a.id, b.display_name_lower, b.id)
}

/** Two groups by lower-cased display name, then id. */
function compareGroups(aName: string, aId: string, bName: string, bId: string): number {
  if (aName !== bName) return aName < bName ? -1 : 1
  return aId < bId ? -1 : aId > bId ? 1 : 0
}

/** The groups each User or Group is a direct member of, by display name. */
export async function loadGroupsOf(
  db: Db,
  tenantId: string,
  memberIds: readonly string[],
): Promise<Map<string, GroupValue[]>> {
  const out = new Map<string, GroupValue[]>(memberIds.map((id) => [id, []]))
  const batches =
    memberIds.length === 1
      ? [await groupsOfOne.select(db, { tenant: tenantId, member: memberIds[0] })]
      : await Promise.all(
          chunks(memberIds).map((chunk) =>
            groupsSelect(db).where('m.tenant_id', '=', tenantId).where('m.member_id', 'in', chunk).execute(),
          ),
        )
  for (const r of batches.flat().sort(byDisplayName)) {
    out.get(r.member_id)!.push({ value: r.id, display: r.display_name, type: 'direct' })
  }
  return out
}
