import { toJsRegExp } from '../expressions/functions/dotnet-regex.js'
import { readAttribute } from '../mapping/read-attribute.js'
import type { SourceObject, SourceValue } from '../mapping/types.js'
import type { ScopingClause } from './types.js'

/** The outcome of one clause for one source object, with the attribute value it saw and why it failed. */
export interface ClauseOutcome {
  passed: boolean
  /** The attribute's value as the clause saw it (text form; null when null or empty). */
  actual: string | null
  /** Why the clause is false (absent when it passed). */
  reason?: string
}

const INTEGER = /^[+-]?\d+$/

/** An integer string as a number, or as a bigint past 15 digits. */
function integer(text: string): number | bigint {
  const trimmed = text.trim()
  return trimmed.length < 16 ? Number(trimmed) : BigInt(trimmed)
}

const compiled = new Map<string, RegExp | undefined>()
const MAX_COMPILED = 1000

/** The pattern compiled once (an invalid one as undefined); the cache is bounded and cleared when full. */
function compile(pattern: string): RegExp | undefined {
  if (compiled.has(pattern)) return compiled.get(pattern)
  let regex: RegExp | undefined
  try {
    regex = toJsRegExp(pattern, '')
  } catch {
    regex = undefined
  }
  if (compiled.size >= MAX_COMPILED) compiled.clear()
  compiled.set(pattern, regex)
  return regex
}

/** The text form of a scalar source value; multi-valued attributes are not supported in scoping (undefined). */
function scalarText(value: SourceValue): string | null | undefined {
  if (value === null || value === '') return null
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') return value
  return value.length === 0 ? null : undefined
}

/**
 * Evaluates one clause with Entra's semantics: case-sensitive; every operator but IS NULL is false on a null or
 * empty value (NOT EQUALS and NOT REGEX MATCH included); `&` holds when the value occurs in the clause's string,
 * `!&` when it does not; Greater_Than(_OR_EQUALS) compare integers only; IS TRUE / IS FALSE take booleans and
 * "True"/"False" strings; REGEX MATCH is an unanchored .NET-style IsMatch.
 */
export function evaluateClause(clause: ScopingClause, source: SourceObject): ClauseOutcome {
  const text = scalarText(readAttribute(source, clause.attribute))
  if (text === undefined)
    return {
      passed: false,
      actual: null,
      reason: 'multi-valued attributes cannot be used in scoping filters',
    }
  const expected = clause.value ?? ''
  const outcome = (passed: boolean, reason: string): ClauseOutcome =>
    passed ? { passed, actual: text } : { passed, actual: text, reason }
  if (clause.operator === 'IS NULL') return outcome(text === null, 'the value is not null')
  if (text === null) return outcome(false, 'the value is null or empty')
  switch (clause.operator) {
    case 'IS NOT NULL':
      return outcome(true, '')
    case 'EQUALS':
      return outcome(text === expected, `"${text}" does not equal "${expected}"`)
    case 'NOT EQUALS':
      return outcome(text !== expected, `"${text}" equals "${expected}"`)
    case 'Includes':
      return outcome(text.includes(expected), `"${text}" does not include "${expected}"`)
    case 'ENDS_WITH':
      return outcome(text.endsWith(expected), `"${text}" does not end with "${expected}"`)
    case '&':
      return outcome(expected.includes(text), `"${text}" does not occur in "${expected}"`)
    case '!&':
      return outcome(!expected.includes(text), `"${text}" occurs in "${expected}"`)
    case 'IS TRUE':
      return outcome(text.toLowerCase() === 'true', `"${text}" is not true`)
    case 'IS FALSE':
      return outcome(text.toLowerCase() === 'false', `"${text}" is not false`)
    case 'REGEX MATCH':
    case 'NOT REGEX MATCH': {
      const regex = compile(expected)
      if (!regex) return outcome(false, `"${expected}" is not a valid regular expression`)
      const matches = regex.test(text)
      if (clause.operator === 'REGEX MATCH') return outcome(matches, `"${text}" does not match /${expected}/`)
      return outcome(!matches, `"${text}" matches /${expected}/`)
    }
    case 'Greater_Than':
    case 'Greater_Than_OR_EQUALS': {
      if (!INTEGER.test(text.trim())) return outcome(false, `"${text}" is not an integer`)
      if (!INTEGER.test(expected.trim()))
        return outcome(false, `the clause value "${expected}" is not an integer`)
      const [a, b] = [integer(text), integer(expected)]
      const passed = clause.operator === 'Greater_Than' ? a > b : a >= b
      return outcome(passed, `${text} is not ${clause.operator === 'Greater_Than' ? '>' : '>='} ${expected}`)
    }
  }
}
