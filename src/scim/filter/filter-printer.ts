import { ScimError } from '../scim-error.js'
import type { AttrPath, Filter, FilterValue } from './ast.js'

/** Prints an attribute path: `urn:…:User:name.givenName`. */
export function printAttrPath(path: AttrPath): string {
  const name = path.subAttribute === undefined ? path.attribute : `${path.attribute}.${path.subAttribute}`
  return path.schema === undefined ? name : `${path.schema}:${name}`
}

/** Prints a comparison value: strings (dateTimes too) as JSON strings, numbers as JSON numbers, true/false/null. */
export function printFilterValue(value: FilterValue): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new ScimError(400, 'invalidFilter', `The number ${value} cannot appear in a filter`)
  }
  return String(value)
}

/** Binding strength: or < and < everything else. */
function level(filter: Filter): number {
  return filter.kind === 'or' ? 1 : filter.kind === 'and' ? 2 : 3
}

function printAt(filter: Filter, minLevel: number): string {
  const text = printFilter(filter)
  return level(filter) < minLevel ? `(${text})` : text
}

/**
 * Prints a Filter as canonical RFC 7644 text that parseFilter reads back to an equal AST: lower-case operators,
 * quoted strings with JSON escapes, parentheses only where precedence (not > and > or, left-associative) needs them,
 * `not (…)` with its parentheses, value filters as `emails[type eq "work" and value eq "x"]`.
 *
 * @example printFilter(parseFilter('UserName EQ jdoe or not(active eq TRUE)')) // 'UserName eq "jdoe" or not (active eq true)'
 */
export function printFilter(filter: Filter): string {
  switch (filter.kind) {
    case 'compare':
      return `${printAttrPath(filter.path)} ${filter.op} ${printFilterValue(filter.value)}`
    case 'present':
      return `${printAttrPath(filter.path)} pr`
    case 'and':
      return `${printAt(filter.left, 2)} and ${printAt(filter.right, 3)}`
    case 'or':
      return `${printAt(filter.left, 1)} or ${printAt(filter.right, 2)}`
    case 'not':
      return `not (${printFilter(filter.filter)})`
    case 'valuePath':
      return `${printAttrPath(filter.path)}[${printFilter(filter.filter)}]`
  }
}
