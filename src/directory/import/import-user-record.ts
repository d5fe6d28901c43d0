import { DirectoryError } from '../errors.js'
import type { UserChanges } from '../types.js'
import { importColumn, unknownColumn } from './import-columns.js'

/** A user record of an import turned into attribute changes, and its manager as a userPrincipalName (null: none; undefined: not given). */
export interface ImportedUser {
  userPrincipalName: string
  changes: UserChanges
  managerUpn: string | null | undefined
}

/**
 * Reads one user record: attribute names ignoring case, `accountEnabled` as a boolean or "true"/"false",
 * `businessPhones` as a list or text separated by ";", `manager` as a userPrincipalName, extension attributes by
 * name. Empty text clears an attribute (an empty accountEnabled leaves it as it is). Throws DIRECTORY_INVALID_INPUT
 * naming the problem.
 */
export function readImportUser(record: unknown): ImportedUser {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    invalid('a user record must be an object of attributes')
  }
  const changes: Record<string, unknown> = {}
  const extensions: Record<string, string | null> = {}
  let managerUpn: string | null | undefined
  for (const [key, value] of Object.entries(record as Record<string, unknown>)) {
    if (value === undefined) continue
    const column = importColumn(key)
    if (!column) throw unknownColumn(key)
    if (column.kind === 'manager') managerUpn = managerValue(value)
    else if (column.kind === 'extension') extensions[column.name] = extensionValue(column.name, value)
    else if (column.kind === 'extensions') Object.assign(extensions, extensionsValue(value))
    else if (column.name === 'accountEnabled') {
      if (value !== '') changes.accountEnabled = booleanValue(value)
    } else if (column.name === 'businessPhones') changes.businessPhones = phonesValue(value)
    else changes[column.name] = typeof value === 'number' ? String(value) : value
  }
  const upn = changes.userPrincipalName
  if (typeof upn !== 'string' || upn.trim() === '') invalid('missing userPrincipalName')
  if (Object.keys(extensions).length > 0) changes.extensionAttributes = extensions
  return { userPrincipalName: upn.trim(), changes: changes as UserChanges, managerUpn }
}

function booleanValue(value: unknown): boolean {
  if (typeof value === 'boolean') return value
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
    return value.trim().toLowerCase() === 'true'
  invalid(`accountEnabled must be true or false (got ${JSON.stringify(value)})`)
}

function phonesValue(value: unknown): unknown {
  if (typeof value !== 'string') return value
  return value
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '')
}

function managerValue(value: unknown): string | null {
  if (value === null || value === '') return null
  if (typeof value !== 'string')
    invalid(`manager must be the manager's userPrincipalName (got ${JSON.stringify(value)})`)
  return value.trim()
}

function extensionValue(name: string, value: unknown): string | null {
  if (value === null || value === '') return null
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  invalid(`extension attribute ${name} must be text (got ${JSON.stringify(value)})`)
}

function extensionsValue(value: unknown): Record<string, string | null> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid('extensionAttributes must be an object of text values')
  }
  const out: Record<string, string | null> = {}
  for (const [name, v] of Object.entries(value as Record<string, unknown>))
    out[name] = extensionValue(name, v)
  return out
}

function invalid(message: string): never {
  throw new DirectoryError('DIRECTORY_INVALID_INPUT', message)
}
