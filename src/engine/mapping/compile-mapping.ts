import type { Expr } from '../expressions/ast.js'
import { ExpressionSyntaxError } from '../expressions/expression-error.js'
import { parseExpression } from '../expressions/parser.js'
import { MappingError } from './mapping-error.js'
import { parseTargetPath, type TargetPath, TargetPathError } from './target-path.js'
import type { AttributeMapping } from './types.js'

/** A mapping with its target path and expression parsed once. */
export interface CompiledMapping {
  mapping: AttributeMapping
  path: TargetPath
  expr?: Expr
}

const cache = new WeakMap<AttributeMapping, CompiledMapping>()

/**
 * Parses a mapping's target and expression, once per mapping object (mappings are treated as immutable).
 * Throws MappingError (MAPPING_INVALID_TARGET or MAPPING_INVALID_EXPRESSION with the position).
 */
export function compileMapping(mapping: AttributeMapping): CompiledMapping {
  const cached = cache.get(mapping)
  if (cached) return cached
  let path: TargetPath
  try {
    path = parseTargetPath(mapping.target)
  } catch (error) {
    if (error instanceof TargetPathError)
      throw new MappingError('MAPPING_INVALID_TARGET', mapping.target, error.message)
    throw error
  }
  const compiled: CompiledMapping = { mapping, path }
  if (mapping.source.type === 'expression') {
    try {
      compiled.expr = parseExpression(mapping.source.expression)
    } catch (error) {
      if (!(error instanceof ExpressionSyntaxError)) throw error
      throw new MappingError('MAPPING_INVALID_EXPRESSION', mapping.target, error.message, error.position)
    }
  }
  cache.set(mapping, compiled)
  return compiled
}
