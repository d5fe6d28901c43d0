import { ScimError } from '../scim-error.js'

/** Where a value sits: the attribute's full path and, inside a multi-valued attribute, which value (from 1). */
export interface Where {
  path: string
  item?: { attribute: string; index: number }
}

/** `"emails.type"` or `"emails.type" (value 2 of "emails")`, for error messages. */
export function describeWhere(where: Where): string {
  const item = where.item ? ` (value ${where.item.index + 1} of "${where.item.attribute}")` : ''
  return `"${where.path}"${item}`
}

/** A short, readable rendering of a rejected value for an error message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value)
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text
  return `${typeof value} ${shown}`
}

/** ScimError 400 invalidValue: `Attribute "<path>" must be <expected>, got <value>`. */
export function invalidAttribute(where: Where, expected: string, value: unknown): ScimError {
  return new ScimError(
    400,
    'invalidValue',
    `Attribute ${describeWhere(where)} must be ${expected}, got ${describeValue(value)}`,
  )
}
