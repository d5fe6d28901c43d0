import { toJsRegExp } from '../expressions/functions/dotnet-regex.js'
import { SCOPING_OPERATORS, type ScopingClause, type ScopingFilter } from './types.js'

/** Codes of {@link ScopingProblem}. */
export type ScopingProblemCode =
  | 'SCOPING_UNKNOWN_OPERATOR'
  | 'SCOPING_MISSING_ATTRIBUTE'
  | 'SCOPING_MISSING_VALUE'
  | 'SCOPING_UNEXPECTED_VALUE'
  | 'SCOPING_INVALID_REGEX'
  | 'SCOPING_NOT_AN_INTEGER'
  | 'SCOPING_EMPTY_GROUP'

/** One problem in a scoping filter: which group and clause (0-based), and what to fix. */
export interface ScopingProblem {
  code: ScopingProblemCode
  group: number
  clause?: number
  message: string
}

/** A scoping filter that does not validate; `problems` lists every problem found. */
export class ScopingFilterError extends Error {
  override readonly name = 'ScopingFilterError'
  readonly code = 'SCOPING_INVALID_FILTER'

  constructor(readonly problems: ScopingProblem[]) {
    super(`Invalid scoping filter: ${problems.map((p) => p.message).join('; ')}`)
  }
}

const UNARY = new Set<string>(['IS NULL', 'IS NOT NULL', 'IS TRUE', 'IS FALSE'])

/** Checks every clause: known operator, attribute present, a value where the operator takes one, valid regex, integers. */
export function validateScopingFilter(filter: ScopingFilter): ScopingProblem[] {
  const problems: ScopingProblem[] = []
  filter.groups.forEach((group, g) => {
    if (group.clauses.length === 0) {
      problems.push({
        code: 'SCOPING_EMPTY_GROUP',
        group: g,
        message: `scoping group ${g + 1} has no clauses`,
      })
    }
    group.clauses.forEach((clause, c) => {
      const problem = clauseProblem(clause)
      if (problem)
        problems.push({
          ...problem,
          group: g,
          clause: c,
          message: `group ${g + 1}, clause ${c + 1}: ${problem.message}`,
        })
    })
  })
  return problems
}

/** Throws ScopingFilterError when the filter has any problem. */
export function assertValidScopingFilter(filter: ScopingFilter): void {
  const problems = validateScopingFilter(filter)
  if (problems.length > 0) throw new ScopingFilterError(problems)
}

function clauseProblem(clause: ScopingClause): { code: ScopingProblemCode; message: string } | undefined {
  const { attribute, operator, value } = clause
  if (!(SCOPING_OPERATORS as readonly string[]).includes(operator)) {
    return {
      code: 'SCOPING_UNKNOWN_OPERATOR',
      message: `unknown operator "${operator}"; use one of ${SCOPING_OPERATORS.join(', ')}`,
    }
  }
  if (!attribute || attribute.trim() === '')
    return { code: 'SCOPING_MISSING_ATTRIBUTE', message: 'the attribute name is empty' }
  if (UNARY.has(operator)) {
    return value === undefined || value === ''
      ? undefined
      : { code: 'SCOPING_UNEXPECTED_VALUE', message: `${operator} takes no value but was given "${value}"` }
  }
  if (value === undefined) return { code: 'SCOPING_MISSING_VALUE', message: `${operator} needs a value` }
  if (operator === 'REGEX MATCH' || operator === 'NOT REGEX MATCH') {
    try {
      toJsRegExp(value, '')
    } catch (error) {
      return {
        code: 'SCOPING_INVALID_REGEX',
        message: `"${value}" is not a valid regular expression: ${(error as Error).message}`,
      }
    }
  }
  if (
    (operator === 'Greater_Than' || operator === 'Greater_Than_OR_EQUALS') &&
    !/^[+-]?\d+$/.test(value.trim())
  ) {
    return {
      code: 'SCOPING_NOT_AN_INTEGER',
      message: `${operator} compares integers, and "${value}" is not one`,
    }
  }
  return undefined
}
