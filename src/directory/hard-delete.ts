import { type ChangeLog, chunks, type Executor } from './context.js'
import type { MemberType } from './types.js'

const IN_LIST = 500

/**
 * Removes users or groups for good, with their memberships (both ways for groups) and assignments, recording
 * member-removed and unassigned for each, clearing the manager of the users' reports (recorded as updated), then
 * hard-deleted for each object.
 */
export async function hardDelete(
  trx: Executor,
  log: ChangeLog,
  type: MemberType,
  ids: readonly string[],
): Promise<void> {
  for (const part of chunks(ids, IN_LIST)) {
    const memberships = await trx
      .selectFrom('directory_memberships')
      .select(['group_id', 'member_id', 'member_type'])
      .where((eb) =>
        type === 'user'
          ? eb('member_id', 'in', part)
          : eb.or([eb('member_id', 'in', part), eb('group_id', 'in', part)]),
      )
      .orderBy('group_id')
      .orderBy('member_id')
      .execute()
    for (const m of memberships) {
      log.record({
        objectType: 'group',
        objectId: m.group_id,
        kind: 'member-removed',
        memberId: m.member_id,
        memberType: m.member_type,
      })
    }
    await trx
      .deleteFrom('directory_memberships')
      .where((eb) =>
        type === 'user'
          ? eb('member_id', 'in', part)
          : eb.or([eb('member_id', 'in', part), eb('group_id', 'in', part)]),
      )
      .execute()

    const assignments = await trx
      .selectFrom('directory_assignments')
      .select(['app_id', 'principal_id', 'role_id'])
      .where('principal_id', 'in', part)
      .orderBy('principal_id')
      .orderBy('app_id')
      .execute()
    for (const a of assignments) {
      log.record({
        objectType: type,
        objectId: a.principal_id,
        kind: 'unassigned',
        appId: a.app_id,
        roleId: a.role_id,
      })
    }
    await trx.deleteFrom('directory_assignments').where('principal_id', 'in', part).execute()

    if (type === 'user') {
      const reports = await trx
        .selectFrom('directory_users')
        .select('id')
        .where('manager_id', 'in', part)
        .where('id', 'not in', part)
        .orderBy('id')
        .execute()
      if (reports.length > 0) {
        await trx
          .updateTable('directory_users')
          .set({ manager_id: null, updated_at: log.now })
          .where('manager_id', 'in', part)
          .execute()
      }
      for (const r of reports)
        log.record({ objectType: 'user', objectId: r.id, kind: 'updated', attributes: ['managerId'] })
      await trx.deleteFrom('directory_users').where('id', 'in', part).execute()
    } else {
      await trx.deleteFrom('directory_groups').where('id', 'in', part).execute()
    }
    for (const id of part) log.record({ objectType: type, objectId: id, kind: 'hard-deleted' })
  }
}
