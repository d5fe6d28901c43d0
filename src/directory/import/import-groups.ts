import { chunks, type DirectoryContext, writeTransaction } from '../context.js'
import { DirectoryError } from '../errors.js'
import { applyGroupChanges, blankGroup, groupFromRow, groupNameKey, groupToRow } from '../group-attributes.js'
import type { DirectoryGroup, GroupChanges, ImportError, ImportGroupRecord, MemberType } from '../types.js'
import { upnKey } from '../user-attributes.js'
import { messageOf } from './import-users.js'

const TRANSACTION_BATCH = 5000
const INSERT_BATCH = 1000
const GROUP_INSERT_BATCH = 400

interface Member {
  id: string
  type: MemberType
}

interface Pending {
  row: number
  key: string
  base: DirectoryGroup
  isNew: boolean
  changes: GroupChanges
  /** Member names as given, or undefined to leave the membership alone. */
  memberNames: string[] | undefined
  members?: Member[]
}

/** What importing groups did. */
export interface GroupImportOutcome {
  created: number
  updated: number
  unchanged: number
  errors: ImportError[]
}

/**
 * Imports group records: matches by displayName ignoring case, creates the new, changes only what differs, and makes
 * the direct members of each group with a `members` list exactly that list (userPrincipalNames and group displayNames,
 * resolved after all groups exist), as member-added / member-removed deltas. Soft-deleted members are left alone.
 * Records with an unknown member, or whose members would nest groups in a cycle, are skipped and reported.
 */
export async function importGroups(
  context: DirectoryContext,
  records: readonly ImportGroupRecord[],
  liveUserIds: Map<string, string>,
): Promise<GroupImportOutcome> {
  const db = context.database.db
  const now = context.clock().toISOString()
  const errors: ImportError[] = []
  const fail = (p: { row: number }, message: string, key?: string) =>
    errors.push({ section: 'groups', row: p.row, key, message })
  const existingByKey = new Map<string, DirectoryGroup>()
  for (const row of await db.selectFrom('directory_groups').selectAll().execute()) {
    existingByKey.set(row.name_key, groupFromRow(row))
  }

  const pending = new Map<string, Pending>()
  records.forEach((record, index) => {
    const row = index + 1
    try {
      const { changes, memberNames } = readGroupRecord(record)
      const key = groupNameKey(changes.displayName as string)
      const twin = pending.get(key)
      if (twin) throw invalid(`displayName appears twice in the file (first at row ${twin.row})`)
      const existing = existingByKey.get(key)
      if (existing?.deletedAt)
        throw invalid(`group is deleted (on ${existing.deletedAt}); restore it before importing it`)
      const base = existing ?? blankGroup(context.newId(), now)
      applyGroupChanges(base, changes)
      pending.set(key, { row, key, base, isNew: !existing, changes, memberNames })
    } catch (error) {
      fail({ row }, messageOf(error), displayNameOf(record))
    }
  })

  const liveGroupIds = new Map<string, string>()
  for (const [key, group] of existingByKey) if (!group.deletedAt) liveGroupIds.set(key, group.id)
  resolveMembers(pending, liveUserIds, liveGroupIds, fail)

  const listed = [...pending.values()].filter((p) => p.members && !p.isNew).map((p) => p.base.id)
  const current = await currentMemberships(context, listed)
  const { additions, removals } = membershipDeltas(pending, current, await nestingEdges(context), fail)

  let created = 0
  let updated = 0
  let unchanged = 0
  const creates: DirectoryGroup[] = []
  const updates: { group: DirectoryGroup; changed: string[] }[] = []
  for (const p of pending.values()) {
    const { group, changed } = applyGroupChanges(p.base, p.changes)
    const membershipChanged = additions.has(p.base.id) || removals.has(p.base.id)
    if (p.isNew) {
      creates.push(group)
      created++
    } else if (changed.length > 0 || membershipChanged) {
      if (changed.length > 0) updates.push({ group, changed })
      updated++
    } else unchanged++
  }
  for (const batch of chunks(creates, TRANSACTION_BATCH)) {
    await writeTransaction(context, async (trx, log) => {
      for (const part of chunks(batch, GROUP_INSERT_BATCH)) {
        await trx.insertInto('directory_groups').values(part.map(groupToRow)).execute()
      }
      for (const group of batch) log.record({ objectType: 'group', objectId: group.id, kind: 'created' })
    })
  }
  for (const batch of chunks(updates, TRANSACTION_BATCH)) {
    await writeTransaction(context, async (trx, log) => {
      for (const { group, changed } of batch) {
        const { id, created_at: _created, ...row } = groupToRow({ ...group, updatedAt: log.now })
        await trx.updateTable('directory_groups').set(row).where('id', '=', id).execute()
        log.record({ objectType: 'group', objectId: id, kind: 'updated', attributes: changed })
      }
    })
  }
  await writeMemberships(context, additions, removals)
  return { created, updated, unchanged, errors }
}

function readGroupRecord(record: unknown): { changes: GroupChanges; memberNames: string[] | undefined } {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw invalid('a group record must be an object { displayName, description, members }')
  }
  const { members, ...attributes } = record as ImportGroupRecord
  if (typeof attributes.displayName !== 'string' || attributes.displayName.trim() === '')
    throw invalid('missing displayName')
  if (members !== undefined && (!Array.isArray(members) || members.some((m) => typeof m !== 'string'))) {
    throw invalid('members must be a list of userPrincipalNames and group displayNames')
  }
  return { changes: attributes as GroupChanges, memberNames: members as string[] | undefined }
}

/** Resolves member names to ids; records with an unknown or skipped member group are skipped in turn. */
function resolveMembers(
  pending: Map<string, Pending>,
  liveUserIds: Map<string, string>,
  liveGroupIds: Map<string, string>,
  fail: (p: Pending, message: string, key?: string) => void,
): void {
  let dropped = true
  while (dropped) {
    dropped = false
    for (const p of pending.values()) {
      if (!p.memberNames) continue
      const members: Member[] = []
      const unknown: string[] = []
      for (const name of p.memberNames) {
        const userId = liveUserIds.get(upnKey(name))
        const groupId = pending.get(groupNameKey(name))?.base.id ?? liveGroupIds.get(groupNameKey(name))
        if (userId) members.push({ id: userId, type: 'user' })
        else if (groupId) members.push({ id: groupId, type: 'group' })
        else unknown.push(name)
      }
      if (unknown.length > 0) {
        fail(
          p,
          `unknown member ${unknown.join(', ')}: no user with that userPrincipalName or group with that displayName`,
          p.changes.displayName,
        )
        pending.delete(p.key)
        dropped = true
      } else p.members = members
    }
  }
}

type Memberships = Map<string, Map<string, MemberType>>

/** Direct memberships of the given groups whose member is live, by group id. */
async function currentMemberships(
  context: DirectoryContext,
  groupIds: readonly string[],
): Promise<Memberships> {
  const out: Memberships = new Map()
  for (const part of chunks(groupIds, INSERT_BATCH)) {
    const rows = await context.database.db
      .selectFrom('directory_memberships as m')
      .leftJoin('directory_users as u', 'u.id', 'm.member_id')
      .leftJoin('directory_groups as g', 'g.id', 'm.member_id')
      .select(['m.group_id', 'm.member_id', 'm.member_type'])
      .where('m.group_id', 'in', part)
      .where((eb) => eb.or([eb('u.deleted_at', 'is', null), eb('m.member_type', '=', 'group')]))
      .where((eb) => eb.or([eb('g.deleted_at', 'is', null), eb('m.member_type', '=', 'user')]))
      .execute()
    for (const r of rows) {
      const members = out.get(r.group_id) ?? new Map<string, MemberType>()
      out.set(r.group_id, members)
      members.set(r.member_id, r.member_type)
    }
  }
  return out
}

/** Every group-in-group membership, as member group ids by group id (the nesting graph, for cycle checks). */
async function nestingEdges(context: DirectoryContext): Promise<Map<string, Set<string>>> {
  const rows = await context.database.db
    .selectFrom('directory_memberships')
    .select(['group_id', 'member_id'])
    .where('member_type', '=', 'group')
    .execute()
  const nested = new Map<string, Set<string>>()
  for (const r of rows) edgesOf(nested, r.group_id).add(r.member_id)
  return nested
}

/**
 * The members to add and remove per group id so each record's group has exactly its listed members. A record whose
 * nested groups would form a cycle is reported and its membership left alone.
 */
function membershipDeltas(
  pending: Map<string, Pending>,
  current: Memberships,
  nested: Map<string, Set<string>>,
  fail: (p: Pending, message: string, key?: string) => void,
): { additions: Map<string, Member[]>; removals: Map<string, Member[]> } {
  const additions = new Map<string, Member[]>()
  const removals = new Map<string, Member[]>()
  for (const p of pending.values()) {
    if (!p.members) continue
    const groupId = p.base.id
    const have = current.get(groupId) ?? new Map<string, MemberType>()
    const want = new Map(p.members.map((m) => [m.id, m.type]))
    const listed = new Set<string>()
    const add = p.members.filter((m) => !have.has(m.id) && !listed.has(m.id) && listed.add(m.id))
    const remove = [...have].filter(([id]) => !want.has(id)).map(([id, type]) => ({ id, type }))
    const edges = edgesOf(nested, groupId)
    const before = new Set(edges)
    for (const m of remove) if (m.type === 'group') edges.delete(m.id)
    const cycle = add.find((m) => m.type === 'group' && reaches(nested, m.id, groupId))
    if (cycle) {
      nested.set(groupId, before)
      fail(
        p,
        `adding member ${cycle.id} would nest groups in a cycle; membership left unchanged`,
        p.changes.displayName,
      )
      continue
    }
    for (const m of add) if (m.type === 'group') edges.add(m.id)
    if (add.length > 0) additions.set(groupId, add)
    if (remove.length > 0) removals.set(groupId, remove)
  }
  return { additions, removals }
}

function edgesOf(nested: Map<string, Set<string>>, groupId: string): Set<string> {
  const edges = nested.get(groupId) ?? new Set<string>()
  nested.set(groupId, edges)
  return edges
}

/** Whether `target` is `from` or nested in it, in the in-memory graph. */
function reaches(nested: Map<string, Set<string>>, from: string, target: string): boolean {
  const seen = new Set<string>()
  const stack = [from]
  while (stack.length > 0) {
    const id = stack.pop()!
    if (id === target) return true
    if (seen.has(id)) continue
    seen.add(id)
    for (const next of nested.get(id) ?? []) stack.push(next)
  }
  return false
}

async function writeMemberships(
  context: DirectoryContext,
  additions: Map<string, Member[]>,
  removals: Map<string, Member[]>,
): Promise<void> {
  const rows = [...additions].flatMap(([groupId, members]) => members.map((m) => ({ groupId, ...m })))
  for (const batch of chunks(rows, TRANSACTION_BATCH * 4)) {
    await writeTransaction(context, async (trx, log) => {
      for (const part of chunks(batch, INSERT_BATCH)) {
        await trx
          .insertInto('directory_memberships')
          .values(
            part.map((m) => ({
              group_id: m.groupId,
              member_id: m.id,
              member_type: m.type,
              created_at: log.now,
            })),
          )
          .execute()
      }
      for (const m of batch) {
        log.record({
          objectType: 'group',
          objectId: m.groupId,
          kind: 'member-added',
          memberId: m.id,
          memberType: m.type,
        })
      }
    })
  }
  if (removals.size === 0) return
  await writeTransaction(context, async (trx, log) => {
    for (const [groupId, members] of removals) {
      for (const part of chunks(members, INSERT_BATCH)) {
        await trx
          .deleteFrom('directory_memberships')
          .where('group_id', '=', groupId)
          .where(
            'member_id',
            'in',
            part.map((m) => m.id),
          )
          .execute()
      }
      for (const m of members) {
        log.record({
          objectType: 'group',
          objectId: groupId,
          kind: 'member-removed',
          memberId: m.id,
          memberType: m.type,
        })
      }
    }
  })
}

function invalid(message: string): DirectoryError {
  return new DirectoryError('DIRECTORY_INVALID_INPUT', message)
}

function displayNameOf(record: unknown): string | undefined {
  const name = (record as { displayName?: unknown } | null)?.displayName
  return typeof name === 'string' && name !== '' ? name : undefined
}
