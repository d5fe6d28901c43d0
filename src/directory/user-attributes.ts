import type { Insertable, Selectable } from 'kysely'
import type { DirectoryUserRow } from '../db/tables/directory-tables.js'
import { DirectoryError } from './errors.js'
import type { DirectoryUser, UserAttributes, UserChanges } from './types.js'

/** The optional text attributes of a person and their columns. */
export const USER_TEXT_COLUMNS = {
  mail: 'mail',
  givenName: 'given_name',
  surname: 'surname',
  displayName: 'display_name',
  jobTitle: 'job_title',
  department: 'department',
  employeeId: 'employee_id',
  managerId: 'manager_id',
  companyName: 'company_name',
  officeLocation: 'office_location',
  city: 'city',
  country: 'country',
  mobilePhone: 'mobile_phone',
  preferredLanguage: 'preferred_language',
  usageLocation: 'usage_location',
  employeeType: 'employee_type',
  employeeHireDate: 'employee_hire_date',
} as const satisfies Partial<Record<keyof UserAttributes, keyof DirectoryUserRow>>

export type UserTextAttribute = keyof typeof USER_TEXT_COLUMNS

/** Every attribute name `createUser` / `updateUser` accept. */
export const USER_ATTRIBUTE_NAMES: readonly (keyof UserAttributes)[] = [
  'userPrincipalName',
  ...(Object.keys(USER_TEXT_COLUMNS) as UserTextAttribute[]),
  'accountEnabled',
  'businessPhones',
  'extensionAttributes',
]

const UPN = /^[^\s@]+@[^\s@]+$/

/** The key userPrincipalNames are unique by. */
export function upnKey(userPrincipalName: string): string {
  return userPrincipalName.toLowerCase()
}

/** A person as stored. (Object literals with every field, so V8 keeps them fast to copy.) */
export function userFromRow(row: Selectable<DirectoryUserRow>): DirectoryUser {
  return {
    id: row.id,
    userPrincipalName: row.user_principal_name,
    mail: row.mail,
    givenName: row.given_name,
    surname: row.surname,
    displayName: row.display_name,
    jobTitle: row.job_title,
    department: row.department,
    employeeId: row.employee_id,
    managerId: row.manager_id,
    accountEnabled: row.account_enabled === 1,
    companyName: row.company_name,
    officeLocation: row.office_location,
    city: row.city,
    country: row.country,
    mobilePhone: row.mobile_phone,
    businessPhones: JSON.parse(row.business_phones) as string[],
    preferredLanguage: row.preferred_language,
    usageLocation: row.usage_location,
    employeeType: row.employee_type,
    employeeHireDate: row.employee_hire_date,
    extensionAttributes: JSON.parse(row.extension_attributes) as Record<string, string>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  }
}

/** The row that stores a person. */
export function userToRow(user: DirectoryUser): Insertable<DirectoryUserRow> {
  return {
    id: user.id,
    user_principal_name: user.userPrincipalName,
    upn_key: upnKey(user.userPrincipalName),
    mail: user.mail,
    given_name: user.givenName,
    surname: user.surname,
    display_name: user.displayName,
    job_title: user.jobTitle,
    department: user.department,
    employee_id: user.employeeId,
    manager_id: user.managerId,
    account_enabled: user.accountEnabled ? 1 : 0,
    company_name: user.companyName,
    office_location: user.officeLocation,
    city: user.city,
    country: user.country,
    mobile_phone: user.mobilePhone,
    business_phones: JSON.stringify(user.businessPhones),
    preferred_language: user.preferredLanguage,
    usage_location: user.usageLocation,
    employee_type: user.employeeType,
    employee_hire_date: user.employeeHireDate,
    extension_attributes: JSON.stringify(user.extensionAttributes),
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    deleted_at: user.deletedAt,
  }
}

/** A new person with every attribute unset, enabled. */
export function blankUser(id: string, userPrincipalName: string, now: string): DirectoryUser {
  return userFromRow({
    id,
    user_principal_name: userPrincipalName,
    upn_key: upnKey(userPrincipalName),
    mail: null,
    given_name: null,
    surname: null,
    display_name: null,
    job_title: null,
    department: null,
    employee_id: null,
    manager_id: null,
    account_enabled: 1,
    company_name: null,
    office_location: null,
    city: null,
    country: null,
    mobile_phone: null,
    business_phones: '[]',
    preferred_language: null,
    usage_location: null,
    employee_type: null,
    employee_hire_date: null,
    extension_attributes: '{}',
    created_at: now,
    updated_at: now,
    deleted_at: null,
  })
}

/**
 * Applies changes to a person: validates them (DIRECTORY_INVALID_INPUT naming the attribute) and returns the result
 * with the names of the attributes that really changed (`extensionAttributes.<name>` for extension attributes).
 * Empty text becomes null. Does not check that a manager exists.
 */
export function applyUserChanges(
  current: DirectoryUser,
  changes: UserChanges,
): { user: DirectoryUser; changed: string[] } {
  if (typeof changes !== 'object' || changes === null) invalid('the changes must be an object of attributes')
  const user: DirectoryUser = { ...current, extensionAttributes: { ...current.extensionAttributes } }
  const changed: string[] = []
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) continue
    if (name === 'userPrincipalName') {
      if (typeof value !== 'string' || !UPN.test(value.trim())) {
        invalid(`userPrincipalName must look like alias@domain (got ${JSON.stringify(value)})`)
      }
      const upn = value.trim()
      if (upn !== user.userPrincipalName) {
        user.userPrincipalName = upn
        changed.push(name)
      }
    } else if (name in USER_TEXT_COLUMNS) {
      const text = textValue(name, value)
      if (text !== user[name as UserTextAttribute]) {
        user[name as UserTextAttribute] = text
        changed.push(name)
      }
    } else if (name === 'accountEnabled') {
      if (typeof value !== 'boolean')
        invalid(`accountEnabled must be true or false (got ${JSON.stringify(value)})`)
      if (value !== user.accountEnabled) {
        user.accountEnabled = value
        changed.push(name)
      }
    } else if (name === 'businessPhones') {
      const phones = phonesValue(value)
      if (JSON.stringify(phones) !== JSON.stringify(user.businessPhones)) {
        user.businessPhones = phones
        changed.push(name)
      }
    } else if (name === 'extensionAttributes') {
      for (const key of applyExtensions(user.extensionAttributes, value))
        changed.push(`extensionAttributes.${key}`)
    } else {
      invalid(`unknown user attribute "${name}"; known attributes: ${USER_ATTRIBUTE_NAMES.join(', ')}`)
    }
  }
  if (user.managerId !== null && user.managerId === user.id) invalid('a user cannot be their own manager')
  return { user, changed }
}

function textValue(name: string, value: unknown): string | null {
  if (value === null) return null
  if (typeof value !== 'string') invalid(`${name} must be text or null (got ${JSON.stringify(value)})`)
  return value === '' ? null : value
}

function phonesValue(value: unknown): string[] {
  if (value === null) return []
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    invalid(`businessPhones must be a list of text (got ${JSON.stringify(value)})`)
  }
  return (value as string[]).filter((v) => v !== '')
}

/** Merges extension attributes in place; returns the keys that changed. */
function applyExtensions(target: Record<string, string>, value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid('extensionAttributes must be an object of text values')
  }
  const changed: string[] = []
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key.trim() === '') invalid('an extension attribute needs a name')
    if (v === null || v === '') {
      if (key in target) {
        delete target[key]
        changed.push(key)
      }
    } else if (typeof v !== 'string') {
      invalid(`extension attribute ${key} must be text or null (got ${JSON.stringify(v)})`)
    } else if (target[key] !== v) {
      target[key] = v
      changed.push(key)
    }
  }
  return changed
}

function invalid(message: string): never {
  throw new DirectoryError('DIRECTORY_INVALID_INPUT', message)
}
