import type { Kysely } from 'kysely'
import type { Tables } from '../../db/tables/index.js'
import { chunks } from './chunks.js'

type Db = Kysely<Tables>

/** Source ids of the members last sent for a group. */
export async function loadSentMembers(db: Db, jobId: string, groupId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('engine_sent_members')
    .select('member_id')
    .where('job_id', '=', jobId)
    .where('group_id', '=', groupId)
    .execute()
  return new Set(rows.map((r) => r.member_id))
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
