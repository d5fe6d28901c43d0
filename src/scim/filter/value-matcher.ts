import type { AttributeDefinition } from '../schema/types.js'
import { ScimError } from '../scim-error.js'
import type { CompareOperator, FilterValue } from './ast.js'
import { compareInstants, parseDateTime } from './date-time.js'
import { printFilterValue } from './filter-printer.js'

/** A test of one attribute value (already unwrapped from its array) against a filter's comparison. */
export type ValueMatcher = (value: unknown) => boolean

/** Operators that take an ordering: eq and the four inequalities (ne is handled as "not eq"). */
type OrderOperator = Exclude<CompareOperator, 'ne' | 'co' | 'sw' | 'ew'>

function invalid(detail: string): never {
  throw new ScimError(400, 'invalidFilter', detail)
}

/** Whether a comparison result (negative, zero, positive) satisfies an ordering operator. */
function ordered(op: OrderOperator): (sign: number) => boolean {
  switch (op) {
    case 'eq':
      return (c) => c === 0
    case 'gt':
      return (c) => c > 0
    case 'ge':
      return (c) => c >= 0
    case 'lt':
      return (c) => c < 0
    case 'le':
      return (c) => c <= 0
  }
}

function isSubstringOperator(op: CompareOperator): op is 'co' | 'sw' | 'ew' {
  return op === 'co' || op === 'sw' || op === 'ew'
}

function stringTest(op: Exclude<CompareOperator, 'ne'>, target: string): (text: string) => boolean {
  switch (op) {
    case 'eq':
      return (s) => s === target
    case 'co':
      return (s) => s.includes(target)
    case 'sw':
      return (s) => s.startsWith(target)
    case 'ew':
      return (s) => s.endsWith(target)
    case 'gt':
      return (s) => s > target
    case 'ge':
      return (s) => s >= target
    case 'lt':
      return (s) => s < target
    case 'le':
      return (s) => s <= target
  }
}

/** String, reference and binary values: case-insensitive unless caseExact; numbers and booleans compare as text. */
function stringMatcher(
  caseExact: boolean,
  op: Exclude<CompareOperator, 'ne'>,
  value: FilterValue,
): ValueMatcher {
  const text = String(value)
  const test = stringTest(op, caseExact ? text : text.toLowerCase())
  return (v) => {
    const s =
      typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined
    return s !== undefined && test(caseExact ? s : s.toLowerCase())
  }
}

function booleanOf(value: FilterValue): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (typeof value !== 'string') return undefined
  const lower = value.toLowerCase()
  return lower === 'true' ? true : lower === 'false' ? false : undefined
}

function numberOf(value: unknown): number {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && value.trim() !== '') return Number(value)
  return Number.NaN
}

/**
 * Builds the test of one attribute value for `attribute op value`, by the attribute's type (RFC 7644 §3.4.2.2):
 * strings honour caseExact; integers and decimals compare numerically; dateTimes compare as instants (co/sw/ew as
 * text); booleans take eq only. Lenient: "True"/"False" strings for booleans, numeric strings for numbers. `op` is
 * never "ne" (the caller negates eq). Throws ScimError 400 invalidFilter for an operator or value the type cannot
 * take, e.g. `active gt true`. `pathText` names the attribute in messages.
 */
export function valueMatcher(
  attribute: AttributeDefinition,
  op: Exclude<CompareOperator, 'ne'>,
  value: Exclude<FilterValue, null>,
  pathText: string,
): ValueMatcher {
  switch (attribute.type) {
    case 'boolean': {
      if (op !== 'eq')
        invalid(`The operator "${op}" does not apply to the boolean attribute "${pathText}"; use eq or ne`)
      const expected = booleanOf(value)
      if (expected === undefined)
        invalid(`"${pathText}" is a boolean: expected true or false, found ${printFilterValue(value)}`)
      const text = String(expected)
      return (v) => v === expected || (typeof v === 'string' && v.toLowerCase() === text)
    }
    case 'integer':
    case 'decimal': {
      if (isSubstringOperator(op))
        invalid(`The operator "${op}" applies to strings; "${pathText}" is a number`)
      const expected = typeof value === 'boolean' ? Number.NaN : numberOf(value)
      if (!Number.isFinite(expected))
        invalid(`"${pathText}" is a number: expected a number, found ${printFilterValue(value)}`)
      const test = ordered(op)
      return (v) => {
        const n = numberOf(v)
        return !Number.isNaN(n) && test(n < expected ? -1 : n > expected ? 1 : 0)
      }
    }
    case 'dateTime': {
      if (isSubstringOperator(op)) return stringMatcher(attribute.caseExact, op, value)
      const expected = typeof value === 'string' ? parseDateTime(value) : undefined
      if (!expected) {
        invalid(
          `"${pathText}" is a dateTime: expected a value such as "2011-05-13T04:42:34Z", found ${printFilterValue(value)}`,
        )
      }
      const test = ordered(op)
      return (v) => {
        const instant = typeof v === 'string' ? parseDateTime(v) : undefined
        return instant !== undefined && test(compareInstants(instant, expected))
      }
    }
    case 'complex':
      return invalid(`"${pathText}" is complex: compare one of its sub-attributes instead`)
    case 'binary':
      if (!isSubstringOperator(op) && op !== 'eq') {
        invalid(`The operator "${op}" does not apply to the binary attribute "${pathText}"`)
      }
      return stringMatcher(attribute.caseExact, op, value)
    default:
      return stringMatcher(attribute.caseExact, op, value)
  }
}
