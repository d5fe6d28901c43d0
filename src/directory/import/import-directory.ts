import { DirectoryError } from '../errors.js'
import { contextOf } from '../open-directory.js'
import type { Directory, ImportData, ImportResult } from '../types.js'
import { importGroups } from './import-groups.js'
import { importUsers } from './import-users.js'

/**
 * Imports users and groups: people matched by userPrincipalName and groups by displayName (ignoring case), so a
 * changed file updates what changed and nothing else (no change-feed rows for unchanged records). Managers are
 * resolved after all users exist, members after all groups exist. A bad record is reported with its row and skipped;
 * the others go on. Writes in batched transactions.
 *
 * @example const result = await importDirectory(directory, parseImportCsv(text))
 */
export async function importDirectory(directory: Directory, data: ImportData): Promise<ImportResult> {
  if (typeof data !== 'object' || data === null) invalid('import data must be an object { users, groups }')
  if (data.users !== undefined && !Array.isArray(data.users)) invalid('users must be a list of user records')
  if (data.groups !== undefined && !Array.isArray(data.groups))
    invalid('groups must be a list of group records')
  const context = contextOf(directory)
  const users = await importUsers(context, data.users ?? [], data.userRows)
  const groups = await importGroups(context, data.groups ?? [], users.liveIds)
  return {
    created: users.created + groups.created,
    updated: users.updated + groups.updated,
    unchanged: users.unchanged + groups.unchanged,
    errors: [...users.errors, ...groups.errors],
  }
}

function invalid(message: string): never {
  throw new DirectoryError('DIRECTORY_INVALID_INPUT', message)
}
