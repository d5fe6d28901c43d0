import type { Insertable, Selectable } from 'kysely'
import type { DirectoryGroupRow } from '../db/tables/directory-tables.js'
import { DirectoryError } from './errors.js'
import type { DirectoryGroup, GroupChanges } from './types.js'

const OPTIONAL = { description: 'description', mail: 'mail', mailNickname: 'mail_nickname' } as const

/** The key display names are unique by. */
export function groupNameKey(displayName: string): string {
  return displayName.toLowerCase()
}

/** A group as stored. */
export function groupFromRow(row: Selectable<DirectoryGroupRow>): DirectoryGroup {
  return {
    id: row.id,
    displayName: row.display_name,
    description: row.description,
    mail: row.mail,
    mailNickname: row.mail_nickname,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  }
}

/** The row that stores a group. */
export function groupToRow(group: DirectoryGroup): Insertable<DirectoryGroupRow> {
  return {
    id: group.id,
    display_name: group.displayName,
    name_key: groupNameKey(group.displayName),
    description: group.description,
    mail: group.mail,
    mail_nickname: group.mailNickname,
    created_at: group.createdAt,
    updated_at: group.updatedAt,
    deleted_at: group.deletedAt,
  }
}

/**
 * Applies changes to a group: validates them (DIRECTORY_INVALID_INPUT naming the attribute) and returns the result
 * with the names of the attributes that really changed. Empty text becomes null.
 */
export function applyGroupChanges(
  current: DirectoryGroup,
  changes: GroupChanges,
): { group: DirectoryGroup; changed: string[] } {
  if (typeof changes !== 'object' || changes === null) invalid('the changes must be an object of attributes')
  const group = { ...current }
  const changed: string[] = []
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) continue
    if (name === 'displayName') {
      if (typeof value !== 'string' || value.trim() === '') {
        invalid(`displayName must be non-empty text (got ${JSON.stringify(value)})`)
      }
      if (value.trim() !== group.displayName) {
        group.displayName = value.trim()
        changed.push(name)
      }
    } else if (name in OPTIONAL) {
      if (value !== null && typeof value !== 'string')
        invalid(`${name} must be text or null (got ${JSON.stringify(value)})`)
      const text = value === '' ? null : (value as string | null)
      if (text !== group[name as keyof typeof OPTIONAL]) {
        group[name as keyof typeof OPTIONAL] = text
        changed.push(name)
      }
    } else {
      invalid(
        `unknown group attribute "${name}"; known attributes: displayName, description, mail, mailNickname`,
      )
    }
  }
  return { group, changed }
}

/** A new group with only an id and timestamps. */
export function blankGroup(id: string, now: string): DirectoryGroup {
  return {
    id,
    displayName: '',
    description: null,
    mail: null,
    mailNickname: null,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  }
}

function invalid(message: string): never {
  throw new DirectoryError('DIRECTORY_INVALID_INPUT', message)
}
