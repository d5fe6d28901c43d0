import type { Kysely } from 'kysely'
import type { Tables } from '../../db/tables/index.js'
import { chunks } from './chunks.js'

type Db = Kysely<Tables>

/** Source ids of the members last sent, by group, for the given groups (every group gets an entry). */
export async function loadSentMembers(
  db: Db,
  jobId: string,
  groupIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const out = new Map(groupIds.map((id) => [id, new Set<string>()]))
  for (const part of chunks(groupIds, 500)) {
    const rows = await db
      .selectFrom('engine_sent_members')
      .select(['group_id', 'member_id'])
      .where('job_id', '=', jobId)
      .where('group_id', 'in', part)
      .execute()
    for (const r of rows) out.get(r.group_id)!.add(r.member_id)
  }
  return out
}

/** Records members added to and removed from a group at the target (in the caller's transaction). */
export async function saveMemberDelta(
  db: Db,
  jobId: string,
  groupId: string,
  added: readonly string[],
  removed: readonly string[],
): Promise<void> {
  for (const part of chunks(added, 500)) {
    await db
      .insertInto('engine_sent_members')
      .values(part.map((member_id) => ({ job_id: jobId, group_id: groupId, member_id })))
      .onConflict((oc) => oc.doNothing())
      .execute()
  }
  for (const part of chunks(removed, 500)) {
    await db
      .deleteFrom('engine_sent_members')
      .where('job_id', '=', jobId)
      .where('group_id', '=', groupId)
      .where('member_id', 'in', part)
      .execute()
  }
}

/** Forgets a member everywhere it was sent (its target object was deleted). */
export async function forgetMember(db: Db, jobId: string, memberIds: readonly string[]): Promise<void> {
  for (const part of chunks(memberIds, 500)) {
    await db
      .deleteFrom('engine_sent_members')
      .where('job_id', '=', jobId)
      .where('member_id', 'in', part)
      .execute()
  }
}
