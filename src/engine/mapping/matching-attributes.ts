import { compileMapping } from './compile-mapping.js'
import { evaluateMapping } from './evaluate-mappings.js'
import type { EvaluateOptions, MappingSet, MatchingValue, SourceObject } from './types.js'

/**
 * The matching attributes' values for a source object, lowest matching precedence first; mappings that evaluate
 * to null are left out (default values do not apply to matching). The caller queries the target with each in turn
 * (`filter=<target> eq "<value>"`): the first that finds exactly one object wins, two is an error.
 */
export function matchingAttributes(
  set: MappingSet,
  source: SourceObject,
  options: Omit<EvaluateOptions, 'mode'>,
): MatchingValue[] {
  const matching = set.mappings
    .filter((mapping) => mapping.matchingPrecedence !== undefined)
    .sort((a, b) => a.matchingPrecedence! - b.matchingPrecedence!)
  const values: MatchingValue[] = []
  for (const mapping of matching) {
    const evaluated = evaluateMapping(compileMapping(mapping), source, { ...options, mode: 'update' })
    const value = evaluated && (Array.isArray(evaluated.value) ? evaluated.value[0] : evaluated.value)
    if (value === undefined || value === null || value === '') continue
    values.push({ target: mapping.target, value: String(value), precedence: mapping.matchingPrecedence! })
  }
  return values
}
