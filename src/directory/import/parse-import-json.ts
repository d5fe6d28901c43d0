import { DirectoryError } from '../errors.js'
import type { ImportData } from '../types.js'

/**
 * Parses an import file in JSON: `{"users": [{"userPrincipalName": ..., ...}], "groups": [{"displayName": ...,
 * "members": [...]}]}`. Checks the shape only; records are validated by the import. DIRECTORY_INVALID_INPUT if the
 * text is not such JSON.
 */
export function parseImportJson(text: string): ImportData {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw invalid(`the file is not valid JSON: ${(error as Error).message}`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('the file must hold a JSON object {"users": [...], "groups": [...]}')
  }
  const { users, groups, ...rest } = value as Record<string, unknown>
  const unknown = Object.keys(rest)
  if (unknown.length > 0)
    throw invalid(`unknown key ${unknown.join(', ')}; the file may only hold "users" and "groups"`)
  for (const [name, list] of [
    ['users', users],
    ['groups', groups],
  ] as const) {
    if (list !== undefined && !Array.isArray(list)) throw invalid(`"${name}" must be a list`)
  }
  return { users: users as ImportData['users'], groups: groups as ImportData['groups'] }
}

function invalid(message: string): DirectoryError {
  return new DirectoryError('DIRECTORY_INVALID_INPUT', message)
}
