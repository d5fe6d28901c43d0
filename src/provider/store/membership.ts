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
 * Adds members to a group, leaving existing ones alone; returns how many were new. Throws InvalidValueError for an
 * id that is no User or Group of the tenant, or is the group itself. One User not yet a member (the PATCH Entra and
 * Okta send for each assignment) takes one statement; anything else has every id's type looked up first.
 */
export async function addMembers(
  db: Db,
  tenantId: string,
  groupId: string,
  ids: readonly string[],
): Promise<number> {
  if (ids.length === 1 && ids[0] !== groupId) {
    const result = await addUser.run(db, { tenant: tenantId, group: groupId, member: ids[0] })
    if (Number(result.numAffectedRows ?? 0) > 0) return 1
  }
  return insertMembers(db, tenantId, groupId, await memberTypes(db, tenantId, groupId, ids))
}

/** Makes a User of the tenant a member; inserts nothing if there is no such User or it is a member already. */
const addUser = prepareQuery<never, 'tenant' | 'group' | 'member'>((db, p) =>
  db
    .insertInto('scim_group_members')
    .columns(['tenant_id', 'group_id', 'member_id', 'member_type'])
    .expression((eb) =>
      eb
        .selectFrom('scim_users')
        .select([
          'tenant_id',
          eb.cast<string>(eb.val(p('group')), 'text').as('group_id'),
          'id',
          eb.cast<string>(eb.val('User'), 'text').as('member_type'),
        ])
        .where('tenant_id', '=', p('tenant'))
        .where('id', '=', p('member')),
    )
    .onConflict((oc) => oc.doNothing()),
)

/**
 * The type of each member id: a User or Group of the tenant. Throws InvalidValueError naming the first id that is
 * neither, or the group itself.
 */
async function memberTypes(
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
async function insertMembers(
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
    .select(['m.member_id', 'g.id', 'g.display_name'])

interface GroupOfRow {
  member_id: string
  id: string
  display_name: string
}

const groupsOfOne = prepareQuery<GroupOfRow, 'tenant' | 'member'>((db, p) =>
  groupsSelect(db).where('m.tenant_id', '=', p('tenant')).where('m.member_id', '=', p('member')),
)

/**
 * A column for a statement that reads Users as `r`: each one's direct groups as a JSON array of GroupValues (JSON
 * text on SQLite; PostgreSQL's driver parses it), so that a page of Users needs no second statement. In no order:
 * pass it through groupsInOrder.
 */
export function groupsColumn(dialect: SqlDialect): RawBuilder<unknown> {
  const groups =
    dialect === 'sqlite'
      ? sql`json_group_array(json_object('value', g.id, 'display', g.display_name, 'type', 'direct'))`
      : sql`coalesce(json_agg(json_build_object('value', g.id, 'display', g.display_name, 'type', 'direct')),
          '[]'::json)`
  return sql`(select ${groups} from scim_group_members as m
    inner join scim_groups as g on g.tenant_id = m.tenant_id and g.id = m.group_id
    where m.tenant_id = r.tenant_id and m.member_id = r.id)`
}

/**
 * A groupsColumn value in the order of loadGroupsOf. Text that holds at most one group is returned as it is, so that
 * it can go into an answer unparsed. Sorted here, not in SQL: an ORDER BY costs SQLite a temporary table per User.
 */
export function groupsInOrder(column: string | GroupValue[]): string | GroupValue[] {
  if (typeof column === 'string' && !column.includes('},{')) return column
  const groups = typeof column === 'string' ? (JSON.parse(column) as GroupValue[]) : column
  return groups.sort(byDisplayName)
}

/** By display name ignoring case, then by id. */
function byDisplayName(a: GroupValue, b: GroupValue): number {
  const aName = a.display.toLowerCase()
  const bName = b.display.toLowerCase()
  if (aName !== bName) return aName < bName ? -1 : 1
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0
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
  for (const r of batches.flat()) {
    out.get(r.member_id)!.push({ value: r.id, display: r.display_name, type: 'direct' })
  }
  for (const groups of out.values()) groups.sort(byDisplayName)
  return out
}
