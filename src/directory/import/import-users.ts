import { chunks, type DirectoryContext, writeTransaction } from '../context.js'
import { DirectoryError } from '../errors.js'
import type { DirectoryUser, ImportError, ImportUserRecord } from '../types.js'
import { applyUserChanges, blankUser, upnKey, userFromRow, userToRow } from '../user-attributes.js'
import { type ImportedUser, readImportUser } from './import-user-record.js'

/** Records diffed and written per transaction, and rows per INSERT (within SQLite's and PostgreSQL's parameter limits). */
const BATCH = 2000
const INSERT_BATCH = 400

interface Pending {
  row: number
  key: string
  read: ImportedUser
  /** The id of the user: the stored one, or a fresh one for a new user. */
  id: string
  isNew: boolean
}

/** What importing users did, and every live user's id by lower-cased userPrincipalName afterwards (for group members). */
export interface UserImportOutcome {
  created: number
  updated: number
  unchanged: number
  errors: ImportError[]
  liveIds: Map<string, string>
}

/**
 * Imports user records: matches by userPrincipalName ignoring case, creates the new, changes only what differs,
 * resolves managers against the directory and the file, skips (and reports) bad records and those whose manager
 * was skipped. Reads and writes in batches, so memory holds the file and one id per user, not every stored user.
 */
export async function importUsers(
  context: DirectoryContext,
  records: readonly ImportUserRecord[],
  rows: readonly number[] | undefined,
): Promise<UserImportOutcome> {
  const now = context.clock().toISOString()
  const errors: ImportError[] = []
  const fail = (row: number, message: string, key?: string) =>
    errors.push({ section: 'users', row, key, message })
  const stored = new Map<string, { id: string; deleted: boolean }>()
  const keys = await context.database.db
    .selectFrom('directory_users')
    .select(['id', 'upn_key', 'deleted_at'])
    .execute()
  for (const k of keys) stored.set(k.upn_key, { id: k.id, deleted: k.deleted_at !== null })

  const blank = blankUser('', '', now)
  const pending = new Map<string, Pending>()
  records.forEach((record, index) => {
    const row = rows?.[index] ?? index + 1
    try {
      const read = readImportUser(record)
      applyUserChanges(blank, read.changes)
      const key = upnKey(read.userPrincipalName)
      const twin = pending.get(key)
      if (twin) throw invalid(`userPrincipalName appears twice in the file (first at row ${twin.row})`)
      const existing = stored.get(key)
      if (existing?.deleted) throw invalid('user is deleted; restore it before importing it')
      pending.set(key, { row, key, read, id: existing?.id ?? context.newId(), isNew: !existing })
    } catch (error) {
      fail(row, messageOf(error), userPrincipalNameOf(record))
    }
  })

  const managers = resolveManagers(pending, stored, fail)
  const outcome = { created: 0, updated: 0, unchanged: 0 }
  for (const batch of chunks([...pending.values()], BATCH)) {
    const existing = new Map<string, DirectoryUser>()
    for (const part of chunks(
      batch.filter((p) => !p.isNew).map((p) => p.id),
      INSERT_BATCH,
    )) {
      for (const row of await context.database.db
        .selectFrom('directory_users')
        .selectAll()
        .where('id', 'in', part)
        .execute()) {
        existing.set(row.id, userFromRow(row))
      }
    }
    const creates: DirectoryUser[] = []
    const updates: { user: DirectoryUser; changed: string[] }[] = []
    for (const p of batch) {
      const base = existing.get(p.id) ?? blankUser(p.id, '', now)
      p.read.changes.managerId = managers.get(p.key)
      const { user, changed } = applyUserChanges(base, p.read.changes)
      if (p.isNew) creates.push(user)
      else if (changed.length > 0) updates.push({ user, changed })
      else outcome.unchanged++
    }
    if (creates.length + updates.length === 0) continue
    await writeTransaction(context, async (trx, log) => {
      for (const part of chunks(creates, INSERT_BATCH)) {
        await trx.insertInto('directory_users').values(part.map(userToRow)).execute()
      }
      for (const user of creates) log.record({ objectType: 'user', objectId: user.id, kind: 'created' })
      for (const { user, changed } of updates) {
        const { id, created_at: _created, ...row } = userToRow({ ...user, updatedAt: log.now })
        await trx.updateTable('directory_users').set(row).where('id', '=', id).execute()
        log.record({ objectType: 'user', objectId: id, kind: 'updated', attributes: changed })
      }
    })
    outcome.created += creates.length
    outcome.updated += updates.length
  }

  const liveIds = new Map<string, string>()
  for (const [key, user] of stored) if (!user.deleted) liveIds.set(key, user.id)
  for (const [key, p] of pending) liveIds.set(key, p.id)
  return { ...outcome, errors, liveIds }
}

/**
 * Resolves each pending user's manager (by lower-cased userPrincipalName: a manager id, or null to clear it). A manager
 * must be a live user of the directory or a record of the file that is imported; records whose manager is unknown,
 * themselves, or skipped are skipped in turn (and removed from `pending`).
 */
function resolveManagers(
  pending: Map<string, Pending>,
  stored: Map<string, { id: string; deleted: boolean }>,
  fail: (row: number, message: string, key?: string) => void,
): Map<string, string | null> {
  const managers = new Map<string, string | null>()
  let dropped = true
  while (dropped) {
    dropped = false
    for (const p of pending.values()) {
      const upn = p.read.managerUpn
      if (upn === undefined) continue
      try {
        const key = upn === null ? null : upnKey(upn)
        const live = key === null ? undefined : stored.get(key)
        const managerId =
          key === null ? null : (pending.get(key)?.id ?? (live && !live.deleted ? live.id : undefined))
        if (managerId === undefined) {
          throw invalid(
            `unknown manager ${upn}: no user with that userPrincipalName in the directory or in the file`,
          )
        }
        if (managerId === p.id) throw invalid('a user cannot be their own manager')
        managers.set(p.key, managerId)
      } catch (error) {
        fail(p.row, messageOf(error), p.read.userPrincipalName)
        pending.delete(p.key)
        dropped = true
      }
    }
  }
  return managers
}

function invalid(message: string): DirectoryError {
  return new DirectoryError('DIRECTORY_INVALID_INPUT', message)
}

/** The message of an error a record caused; anything but a DirectoryError is a bug and rethrown. */
export function messageOf(error: unknown): string {
  if (error instanceof DirectoryError) return error.message
  throw error
}

function userPrincipalNameOf(record: unknown): string | undefined {
  const upn = (record as { userPrincipalName?: unknown } | null)?.userPrincipalName
  return typeof upn === 'string' && upn !== '' ? upn : undefined
}
