import { validateScopingFilter } from '../scoping/validate-scoping-filter.js'
import { compileMapping } from './compile-mapping.js'
import { MappingError } from './mapping-error.js'
import type { MappingProblem, MappingSet } from './types.js'

/**
 * Checks a mapping set up front: every target path and expression parses (problems carry the target and the
 * expression position), targets are unique, matching precedences are unique and not on SelectUniqueValue,
 * SelectUniqueValue applies only during creation, direct mappings name an attribute, user mappings are enabled,
 * and the scoping filter is valid. Returns every problem found (none: the set is valid).
 */
export function validateMappingSet(set: MappingSet): MappingProblem[] {
  const problems: MappingProblem[] = []
  const seenTargets = new Set<string>()
  const seenPrecedences = new Map<number, string>()
  if (set.objectType === 'user' && !set.enabled) {
    problems.push({ target: '', code: 'MAPPING_USERS_DISABLED', message: 'user mappings cannot be disabled' })
  }
  for (const mapping of set.mappings) {
    const { target, matchingPrecedence } = mapping
    const add = (code: string, message: string) => problems.push({ target, code, message })
    try {
      const compiled = compileMapping(mapping)
      const unique = compiled.expr?.kind === 'call' && compiled.expr.name === 'SelectUniqueValue'
      if (unique && matchingPrecedence !== undefined)
        add('MAPPING_UNIQUE_VALUE_MATCHING', 'SelectUniqueValue cannot be used on a matching attribute')
      if (unique && mapping.apply !== 'createOnly')
        add('MAPPING_UNIQUE_VALUE_ALWAYS', 'SelectUniqueValue must apply only during creation')
    } catch (error) {
      if (!(error instanceof MappingError)) throw error
      problems.push({
        target,
        code: error.code,
        message: error.message,
        ...(error.position === undefined ? {} : { position: error.position }),
      })
    }
    const key = target.toLowerCase()
    if (seenTargets.has(key)) add('MAPPING_DUPLICATE_TARGET', `${target} is mapped more than once`)
    seenTargets.add(key)
    if (mapping.source.type === 'direct' && mapping.source.attribute.trim() === '')
      add('MAPPING_MISSING_SOURCE', 'a direct mapping needs a source attribute')
    if (matchingPrecedence !== undefined) {
      if (!Number.isInteger(matchingPrecedence) || matchingPrecedence < 1) {
        add(
          'MAPPING_INVALID_PRECEDENCE',
          `matching precedence must be a positive integer, not ${matchingPrecedence}`,
        )
      }
      const other = seenPrecedences.get(matchingPrecedence)
      if (other)
        add(
          'MAPPING_DUPLICATE_PRECEDENCE',
          `matching precedence ${matchingPrecedence} is also used by ${other}`,
        )
      seenPrecedences.set(matchingPrecedence, target)
    }
  }
  for (const problem of validateScopingFilter(set.scoping)) {
    problems.push({ target: 'scoping', code: problem.code, message: problem.message })
  }
  return problems
}
