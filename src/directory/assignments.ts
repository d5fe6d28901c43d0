import { type Selectable, sql } from 'kysely'
import type { DirectoryAssignmentRow } from '../db/tables/directory-tables.js'
import { requireApp } from './apps.js'
import { type DirectoryContext, type Executor, writeTransaction } from './context.js'
import { DirectoryError } from './errors.js'
import { loadGroup } from './groups.js'
import {
  type AppAssignment,
  type AssignedUser,
  type AssignmentPrincipal,
  type MemberType,
  type RoleAssignment,
  USER_ROLE_ID,
} from './types.js'
import { loadUser } from './users.js'

/** Assigns a user or group to an app with a role; see Directory.assign. */
export async function assign(
  context: DirectoryContext,
  appId: string,
  principal: AssignmentPrincipal,
  roleId: string = USER_ROLE_ID,
): Promise<AppAssignment> {
  const [type, principalId] = principalOf(principal)
  return writeTransaction(context, async (trx, log) => {
    const app = await requireApp(trx, appId)
    const role = await trx
      .selectFrom('directory_app_roles')
      .select('id')
      .where('app_id', '=', appId)
      .where('id', '=', roleId)
      .executeTakeFirst()
    if (!role)
      throw new DirectoryError('DIRECTORY_NOT_FOUND', `app ${app.name} has no role with id ${roleId}`)
    const object = type === 'user' ? await loadUser(trx, principalId) : await loadGroup(trx, principalId)
    if (!object) throw new DirectoryError('DIRECTORY_NOT_FOUND', `no ${type} with id ${principalId}`)
    if (object.deletedAt)
      throw new DirectoryError('DIRECTORY_CONFLICT', `${type} ${principalId} is deleted; restore it first`)
    const existing = await trx
      .selectFrom('directory_assignments')
      .selectAll()
      .where('app_id', '=', appId)
      .where('principal_id', '=', principalId)
      .executeTakeFirst()
    if (existing?.role_id === roleId) return assignmentFromRow(existing)
    if (existing) {
      await trx
        .updateTable('directory_assignments')
        .set({ role_id: roleId, updated_at: log.now })
        .where('app_id', '=', appId)
        .where('principal_id', '=', principalId)
        .execute()
      log.record({ objectType: type, objectId: principalId, kind: 'role-changed', appId, roleId })
      return assignmentFromRow({ ...existing, role_id: roleId, updated_at: log.now })
    }
    const row = {
      app_id: appId,
      principal_id: principalId,
      principal_type: type,
      role_id: roleId,
      created_at: log.now,
      updated_at: log.now,
    }
    await trx.insertInto('directory_assignments').values(row).execute()
    log.record({ objectType: type, objectId: principalId, kind: 'assigned', appId, roleId })
    return assignmentFromRow(row)
  })
}

/** Removes an assignment; see Directory.unassign. */
export async function unassign(context: DirectoryContext, appId: string, principalId: string): Promise<void> {
  await writeTransaction(context, async (trx, log) => {
    const removed = await trx
      .deleteFrom('directory_assignments')
      .where('app_id', '=', appId)
      .where('principal_id', '=', principalId)
      .returning(['principal_type', 'role_id'])
      .executeTakeFirst()
    if (removed) {
      log.record({
        objectType: removed.principal_type,
        objectId: principalId,
        kind: 'unassigned',
        appId,
        roleId: removed.role_id,
      })
    }
  })
}

/** Every assignment of an app, ordered by principal id. */
export async function assignments(db: Executor, appId: string): Promise<AppAssignment[]> {
  const rows = await db
    .selectFrom('directory_assignments')
    .selectAll()
    .where('app_id', '=', appId)
    .orderBy('principal_id')
    .execute()
  return rows.map(assignmentFromRow)
}

interface ScopeRow {
  user_id: string
  role_id: string
  role_name: string
  role_value: string | null
  via: string
}

/** Every live user in the app's scope with its roles, sorted by user id; see Directory.assignedUsers. */
export async function assignedUsers(db: Executor, appId: string): Promise<AssignedUser[]> {
  const result = await sql<ScopeRow>`
    with recursive scope(root_id, group_id) as (
      select a.principal_id, a.principal_id from directory_assignments a
        join directory_groups g on g.id = a.principal_id and g.deleted_at is null
      where a.app_id = ${appId} and a.principal_type = 'group'
      union
      select scope.root_id, m.member_id from scope
        join directory_memberships m on m.group_id = scope.group_id and m.member_type = 'group'
        join directory_groups g on g.id = m.member_id and g.deleted_at is null
    ),
    holders(user_id, role_id, via) as (
      select a.principal_id, a.role_id, 'direct' from directory_assignments a
        join directory_users u on u.id = a.principal_id and u.deleted_at is null
      where a.app_id = ${appId} and a.principal_type = 'user'
      union
      select m.member_id, a.role_id, scope.root_id from scope
        join directory_memberships m on m.group_id = scope.group_id and m.member_type = 'user'
        join directory_users u on u.id = m.member_id and u.deleted_at is null
        join directory_assignments a on a.app_id = ${appId} and a.principal_id = scope.root_id
    )
    select h.user_id, h.role_id, r.name as role_name, r.value as role_value, h.via from holders h
      join directory_app_roles r on r.app_id = ${appId} and r.id = h.role_id
    order by h.user_id, h.role_id, h.via`.execute(db)
  const users: AssignedUser[] = []
  for (const row of result.rows) {
    const last = users.at(-1)
    const role = roleAssignment(row)
    if (last?.userId === row.user_id) last.roles.push(role)
    else users.push({ userId: row.user_id, roles: [role] })
  }
  return users
}

/** The roles one live user holds in an app, directly or through (nested) groups; empty if out of scope. */
export async function userAppRoles(db: Executor, appId: string, userId: string): Promise<RoleAssignment[]> {
  const result = await sql<ScopeRow>`
    with recursive ancestors(group_id) as (
      select m.group_id from directory_memberships m
        join directory_groups g on g.id = m.group_id and g.deleted_at is null
      where m.member_id = ${userId}
      union
      select m.group_id from ancestors
        join directory_memberships m on m.member_id = ancestors.group_id
        join directory_groups g on g.id = m.group_id and g.deleted_at is null
    )
    select u.id as user_id, a.role_id, r.name as role_name, r.value as role_value,
        case when a.principal_type = 'user' then 'direct' else a.principal_id end as via
      from directory_assignments a
      join directory_users u on u.id = ${userId} and u.deleted_at is null
      join directory_app_roles r on r.app_id = a.app_id and r.id = a.role_id
    where a.app_id = ${appId}
      and (a.principal_id = ${userId} or a.principal_id in (select group_id from ancestors))
    order by a.role_id, via`.execute(db)
  return result.rows.map(roleAssignment)
}

function roleAssignment(row: ScopeRow): RoleAssignment {
  return { roleId: row.role_id, roleName: row.role_name, roleValue: row.role_value, via: row.via }
}

function principalOf(principal: AssignmentPrincipal): [MemberType, string] {
  if (typeof principal === 'object' && principal !== null) {
    if ('userId' in principal && typeof principal.userId === 'string') return ['user', principal.userId]
    if ('groupId' in principal && typeof principal.groupId === 'string') return ['group', principal.groupId]
  }
  throw new DirectoryError('DIRECTORY_INVALID_INPUT', 'assign takes { userId } or { groupId }')
}

function assignmentFromRow(row: Selectable<DirectoryAssignmentRow>): AppAssignment {
  return {
    appId: row.app_id,
    principalId: row.principal_id,
    principalType: row.principal_type,
    roleId: row.role_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}
