import type { AppRoleAssignment } from '../mapping/types.js'

/** A SCIM role value as the AppRoleAssignmentsComplex functions produce it. */
export interface ScimRoleValue {
  primary: boolean
  type: 'WindowsAzureActiveDirectoryRole'
  display: string
  value: string
}

/** A value during expression evaluation. Dates travel as strings (`M/d/yyyy h:mm:ss tt`), as in Entra. */
export type ExprValue =
  | string
  | number
  | boolean
  | null
  | readonly string[]
  | readonly AppRoleAssignment[]
  | readonly ScimRoleValue[]

/** True for null, "", and an empty multi-valued attribute. */
export function isNullOrEmpty(value: ExprValue): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0)
}

/** The text form of a value: booleans as "True"/"False", multi-valued as their first value; null stays null. */
export function toText(value: ExprValue): string | null {
  if (value === null) return null
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') return value
  return value.length === 0 ? null : itemText(value[0])
}

/** The values of a possibly multi-valued value, as text, nulls and empty strings left out. */
export function toTextList(value: ExprValue): string[] {
  if (value === null) return []
  const items = Array.isArray(value) ? value.map(itemText) : [toText(value as string | number | boolean)]
  return items.filter((item): item is string => item !== null && item !== '')
}

/** The text of one item of a multi-valued value (a role assignment gives its role value). */
export function itemText(item: string | AppRoleAssignment | ScimRoleValue): string {
  if (typeof item === 'string') return item
  return 'roleValue' in item ? item.roleValue : item.value
}

/** The truth of a condition: true, "True" (any case), or a non-zero number. */
export function isTruthy(value: ExprValue): boolean {
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value !== 0
  const text = toText(value)
  if (text === null) return false
  if (text.toLowerCase() === 'true') return true
  const number = Number(text)
  return text.trim() !== '' && !Number.isNaN(number) && number !== 0
}

/** A value as a number, or undefined when it is not numeric. */
export function toNumber(value: ExprValue): number | undefined {
  if (typeof value === 'number') return value
  const text = toText(value)
  if (text === null || text.trim() === '') return undefined
  const number = /^\s*&H[0-9A-Fa-f]+\s*$/.test(text)
    ? Number.parseInt(text.trim().slice(2), 16)
    : Number(text)
  return Number.isNaN(number) ? undefined : number
}
