import { evaluateExpression } from '../expressions/evaluator.js'
import { ExpressionEvaluationError } from '../expressions/expression-error.js'
import { type ExprValue, isNullOrEmpty, toText, toTextList } from '../expressions/values.js'
import { buildResource } from './build-resource.js'
import { coerceValue, defaultTargetType } from './coerce-value.js'
import { type CompiledMapping, compileMapping } from './compile-mapping.js'
import { MappingError } from './mapping-error.js'
import { readAttribute } from './read-attribute.js'
import type { TargetPath } from './target-path.js'
import type {
  EvaluatedAttribute,
  EvaluateOptions,
  MappingResult,
  MappingSet,
  ScimJson,
  SourceObject,
} from './types.js'

/**
 * Evaluates a mapping set against a source object into the target-shaped SCIM resource (Entra's rules):
 * `none` mappings and create-only mappings on update are skipped; null and empty values are never provisioned;
 * the default value replaces a null only on create; IgnoreFlowIfNullOrEmpty drops the attribute.
 * Reference mappings list source ids in `attributes`; the resource carries them only as resolved by
 * `options.resolveReference` (`manager: { value }`, `members: [{ value }]`).
 * Throws MappingError naming the target when an expression is invalid or fails.
 */
export function evaluateMappings(
  set: MappingSet,
  source: SourceObject,
  options: EvaluateOptions,
): MappingResult {
  const attributes: EvaluatedAttribute[] = []
  const entries: { path: TargetPath; value: ScimJson }[] = []
  for (const mapping of set.mappings) {
    if (mapping.apply === 'createOnly' && options.mode === 'update') continue
    const compiled = compileMapping(mapping)
    const evaluated = evaluateMapping(compiled, source, options)
    if (!evaluated) continue
    attributes.push(evaluated)
    const value = mapping.reference ? resolvedReference(evaluated, options) : (evaluated.value as ScimJson)
    if (value !== undefined) entries.push({ path: compiled.path, value })
  }
  return { attributes, resource: buildResource(set.objectType, entries) }
}

/** Evaluates one compiled mapping; undefined when the attribute does not flow. */
export function evaluateMapping(
  compiled: CompiledMapping,
  source: SourceObject,
  options: EvaluateOptions,
): EvaluatedAttribute | undefined {
  const { mapping, expr } = compiled
  const { target } = mapping
  let value: ExprValue = null
  const extra: Partial<EvaluatedAttribute> = {}
  if (mapping.source.type === 'direct') value = readAttribute(source, mapping.source.attribute)
  else if (mapping.source.type === 'constant') value = mapping.source.value
  else if (expr) {
    const result = evaluate(compiled, source, options)
    if (result.ignoreFlow) return undefined
    value = result.value
    if (result.candidates) extra.candidates = result.candidates
    if (result.redacted) extra.redacted = true
    if (expr.kind === 'call' && expr.name === 'AppRoleAssignmentsComplex') extra.rolesMode = 'add'
    if (expr.kind === 'call' && expr.name === 'AssertiveAppRoleAssignmentsComplex')
      extra.rolesMode = 'replace'
  }
  if (isNullOrEmpty(value)) {
    if (options.mode !== 'create' || mapping.defaultValue === undefined || mapping.defaultValue === '')
      return undefined
    value = mapping.defaultValue
  }
  const type = options.targetType?.(target) ?? defaultTargetType(target)
  const mapped = mapping.reference
    ? referenceIds(value as NonNullable<ExprValue>)
    : coerceValue(value as NonNullable<ExprValue>, type)
  return { target, value: mapped, ...(mapping.reference ? { reference: mapping.reference } : {}), ...extra }
}

function evaluate(compiled: CompiledMapping, source: SourceObject, options: EvaluateOptions) {
  try {
    return evaluateExpression(compiled.expr!, {
      source,
      now: options.now,
      newGuid: options.newGuid,
      random: options.random,
    })
  } catch (error) {
    if (!(error instanceof ExpressionEvaluationError)) throw error
    throw new MappingError(
      'MAPPING_EVALUATION_FAILED',
      compiled.mapping.target,
      error.message,
      error.position,
    )
  }
}

/** A single id stays a string; several ids (group members) are a list. */
function referenceIds(value: NonNullable<ExprValue>): string | string[] {
  return Array.isArray(value) ? toTextList(value) : (toText(value) ?? '')
}

/** The resolved target form of a reference, or undefined when nothing resolved yet. */
function resolvedReference(evaluated: EvaluatedAttribute, options: EvaluateOptions): ScimJson | undefined {
  const resolve = options.resolveReference
  if (!resolve || !evaluated.reference) return undefined
  const kind = evaluated.reference
  if (Array.isArray(evaluated.value)) {
    const ids = (evaluated.value as string[]).map((id) => resolve(kind, id)).filter((id) => id !== undefined)
    return ids.length === 0 ? undefined : ids.map((value) => ({ value }))
  }
  const id = resolve(kind, evaluated.value as string)
  return id === undefined ? undefined : { value: id }
}
