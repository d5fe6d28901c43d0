import { sql } from 'kysely'
import { type DirectoryContext, type Executor, writeTransaction } from './context.js'
import { DirectoryError } from './errors.js'
import { groupFromRow } from './group-attributes.js'
import { liveGroup, loadGroup } from './groups.js'
import type { DirectoryGroup, GroupMember, MemberType } from './types.js'
import { loadUser } from './users.js'

/** Adds a user or group to a group; see Directory.addMember. */
export async function addMember(context: DirectoryContext, groupId: string, memberId: string): Promise<void> {
  await writeTransaction(context, async (trx, log) => {
    const group = await liveGroup(trx, groupId)
    const memberType = await liveMemberType(trx, memberId)
    const existing = await trx
      .selectFrom('directory_memberships')
      .select('member_id')
      .where('group_id', '=', groupId)
      .where('member_id', '=', memberId)
      .executeTakeFirst()
    if (existing) return
    if (memberType === 'group' && (await reaches(trx, memberId, groupId))) {
      throw new DirectoryError(
        'DIRECTORY_MEMBERSHIP_CYCLE',
        `group ${group.displayName} is already (or would become) a member of group id ${memberId}; nesting it there would make a cycle`,
      )
    }
    await trx
      .insertInto('directory_memberships')
      .values({ group_id: groupId, member_id: memberId, member_type: memberType, created_at: log.now })
      .execute()
    log.record({ objectType: 'group', objectId: groupId, kind: 'member-added', memberId, memberType })
  })
}

/** Removes a direct member; see Directory.removeMember. */
export async function removeMember(
  context: DirectoryContext,
  groupId: string,
  memberId: string,
): Promise<void> {
  await writeTransaction(context, async (trx, log) => {
    const removed = await trx
      .deleteFrom('directory_memberships')
      .where('group_id', '=', groupId)
      .where('member_id', '=', memberId)
      .returning('member_type')
      .executeTakeFirst()
    if (removed) {
      log.record({
        objectType: 'group',
        objectId: groupId,
        kind: 'member-removed',
        memberId,
        memberType: removed.member_type,
      })
    }
  })
}

/** Direct members that are not soft-deleted, ordered by id. */
export async function members(db: Executor, groupId: string): Promise<GroupMember[]> {
  const rows = await db
    .selectFrom('directory_memberships as m')
    .leftJoin('directory_users as u', 'u.id', 'm.member_id')
    .leftJoin('directory_groups as g', 'g.id', 'm.member_id')
    .select(['m.member_id as id', 'm.member_type as type'])
    .where('m.group_id', '=', groupId)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('m.member_type', '=', 'user'),
          eb('u.deleted_at', 'is', null),
          eb('u.id', 'is not', null),
        ]),
        eb.and([
          eb('m.member_type', '=', 'group'),
          eb('g.deleted_at', 'is', null),
          eb('g.id', 'is not', null),
        ]),
      ]),
    )
    .orderBy('m.member_id')
    .execute()
  return rows
}

/**
 * Ids of the users in a group and its nested groups, skipping soft-deleted users and nested groups; sorted, each once.
 * The group itself is followed even when soft-deleted, so a caller can find whose scope its deletion changed.
 */
export async function transitiveUserIds(db: Executor, groupId: string): Promise<string[]> {
  const result = await sql<{ id: string }>`
    with recursive nested(id) as (
      select cast(${groupId} as text)
      union
      select m.member_id from directory_memberships m
        join nested on m.group_id = nested.id
        join directory_groups g on g.id = m.member_id and g.deleted_at is null
      where m.member_type = 'group'
    )
    select distinct m.member_id as id from directory_memberships m
      join nested on m.group_id = nested.id
      join directory_users u on u.id = m.member_id and u.deleted_at is null
    where m.member_type = 'user'
    order by id`.execute(db)
  return result.rows.map((r) => r.id)
}

/** Groups (not soft-deleted) a user or group is a direct member of, ordered by id. */
export async function groupsOf(db: Executor, memberId: string): Promise<DirectoryGroup[]> {
  const rows = await db
    .selectFrom('directory_memberships as m')
    .innerJoin('directory_groups as g', 'g.id', 'm.group_id')
    .selectAll('g')
    .where('m.member_id', '=', memberId)
    .where('g.deleted_at', 'is', null)
    .orderBy('g.id')
    .execute()
  return rows.map(groupFromRow)
}

/** Whether `target` is `from` or one of its nested groups (following the membership graph down from `from`). */
export async function reaches(db: Executor, from: string, target: string): Promise<boolean> {
  if (from === target) return true
  const result = await sql<{ id: string }>`
    with recursive nested(id) as (
      select cast(${from} as text)
      union
      select m.member_id from directory_memberships m join nested on m.group_id = nested.id
      where m.member_type = 'group'
    )
    select id from nested where id = ${target} limit 1`.execute(db)
  return result.rows.length > 0
}

/** Whether an id names a live user or a live group; DIRECTORY_NOT_FOUND / DIRECTORY_CONFLICT otherwise. */
async function liveMemberType(db: Executor, id: string): Promise<MemberType> {
  const user = await loadUser(db, id)
  if (user) {
    if (user.deletedAt)
      throw new DirectoryError(
        'DIRECTORY_CONFLICT',
        `user ${user.userPrincipalName} is deleted; restore it first`,
      )
    return 'user'
  }
  const group = await loadGroup(db, id)
  if (group) {
    if (group.deletedAt)
      throw new DirectoryError(
        'DIRECTORY_CONFLICT',
        `group ${group.displayName} is deleted; restore it first`,
      )
    return 'group'
  }
  throw new DirectoryError('DIRECTORY_NOT_FOUND', `no user or group with id ${id}`)
}
