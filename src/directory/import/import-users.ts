import { chunks, type DirectoryContext, writeTransaction } from '../context.js'
import { DirectoryError } from '../errors.js'
import type { DirectoryUser, ImportError, ImportUserRecord, UserChanges } from '../types.js'
import { applyUserChanges, blankUser, upnKey, userFromRow, userToRow } from '../user-attributes.js'
import { readImportUser } from './import-user-record.js'

/** Users written per transaction, and rows per INSERT (within SQLite's and PostgreSQL's parameter limits). */
const TRANSACTION_BATCH = 5000
const INSERT_BATCH = 400

interface Pending {
  row: number
  key: string
  /** The stored user, or a blank one with a fresh id. */
  base: DirectoryUser
  isNew: boolean
  changes: UserChanges
  managerUpn: string | null | undefined
}

/** What importing users did, and every live user by lower-cased userPrincipalName afterwards (for group members). */
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
 * was skipped. Writes in batched transactions.
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
  const existingByKey = new Map<string, DirectoryUser>()
  for (const row of await context.database.db.selectFrom('directory_users').selectAll().execute()) {
    existingByKey.set(row.upn_key, userFromRow(row))
  }

  const pending = new Map<string, Pending>()
  records.forEach((record, index) => {
    const row = rows?.[index] ?? index + 1
    try {
      const read = readImportUser(record)
      const key = upnKey(read.userPrincipalName)
      const twin = pending.get(key)
      if (twin) throw invalid(`userPrincipalName appears twice in the file (first at row ${twin.row})`)
      const existing = existingByKey.get(key)
      if (existing?.deletedAt)
        throw invalid(`user is deleted (on ${existing.deletedAt}); restore it before importing it`)
      const base = existing ?? blankUser(context.newId(), '', now)
      applyUserChanges(base, read.changes)
      pending.set(key, {
        row,
        key,
        base,
        isNew: !existing,
        changes: read.changes,
        managerUpn: read.managerUpn,
      })
    } catch (error) {
      fail(row, messageOf(error), userPrincipalNameOf(record))
    }
  })

  const managers = resolveManagers(pending, existingByKey, fail)

  const creates: DirectoryUser[] = []
  const updates: { user: DirectoryUser; changed: string[] }[] = []
  let unchanged = 0
  for (const p of pending.values()) {
    const { user, changed } = applyUserChanges(p.base, { ...p.changes, managerId: managers.get(p.key) })
    if (p.isNew) creates.push(user)
    else if (changed.length > 0) updates.push({ user, changed })
    else unchanged++
  }
  for (const batch of chunks(creates, TRANSACTION_BATCH)) {
    await writeTransaction(context, async (trx, log) => {
      for (const part of chunks(batch, INSERT_BATCH)) {
        await trx.insertInto('directory_users').values(part.map(userToRow)).execute()
      }
      for (const user of batch) log.record({ objectType: 'user', objectId: user.id, kind: 'created' })
    })
  }
  for (const batch of chunks(updates, TRANSACTION_BATCH)) {
    await writeTransaction(context, async (trx, log) => {
      for (const p of batch) {
        const { id, created_at: _created, ...row } = userToRow({ ...p.user, updatedAt: log.now })
        await trx.updateTable('directory_users').set(row).where('id', '=', id).execute()
        log.record({ objectType: 'user', objectId: id, kind: 'updated', attributes: p.changed })
      }
    })
  }

  const liveIds = new Map<string, string>()
  for (const [key, user] of existingByKey) if (!user.deletedAt) liveIds.set(key, user.id)
  for (const [key, p] of pending) liveIds.set(key, p.base.id)
  return { created: creates.length, updated: updates.length, unchanged, errors, liveIds }
}

/**
 * Resolves each pending user's manager (by lower-cased userPrincipalName: a manager id, or null to clear it). A manager
 * must be a live user of the directory or a record of the file that is imported; records whose manager is unknown,
 * themselves, or skipped are skipped in turn (and removed from `pending`).
 */
function resolveManagers(
  pending: Map<string, Pending>,
  existingByKey: Map<string, DirectoryUser>,
  fail: (row: number, message: string, key?: string) => void,
): Map<string, string | null> {
  const managers = new Map<string, string | null>()
  let dropped = true
  while (dropped) {
    dropped = false
    for (const p of pending.values()) {
      if (p.managerUpn === undefined) continue
      try {
        const managerId = p.managerUpn === null ? null : managerIdOf(p.managerUpn, pending, existingByKey)
        if (managerId === p.base.id) throw invalid('a user cannot be their own manager')
        managers.set(p.key, managerId)
      } catch (error) {
        fail(p.row, messageOf(error), p.changes.userPrincipalName ?? p.key)
        pending.delete(p.key)
        dropped = true
      }
    }
  }
  return managers
}

function managerIdOf(
  upn: string,
  pending: Map<string, Pending>,
  existingByKey: Map<string, DirectoryUser>,
): string {
  const key = upnKey(upn)
  const inFile = pending.get(key)
  if (inFile) return inFile.base.id
  const existing = existingByKey.get(key)
  if (existing && !existing.deletedAt) return existing.id
  throw invalid(`unknown manager ${upn}: no user with that userPrincipalName in the directory or in the file`)
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
