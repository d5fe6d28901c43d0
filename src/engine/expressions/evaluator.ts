import { readAttribute } from '../mapping/read-attribute.js'
import type { ComparisonExpr, Expr } from './ast.js'
import type { FunctionName } from './function-signatures.js'
import type { Arg, EvaluationContext, EvaluationFlags } from './functions/function-types.js'
import { FUNCTIONS } from './functions/registry.js'
import { type ExprValue, isNullOrEmpty, toNumber, toText } from './values.js'

/** The outcome of evaluating an expression. */
export interface ExpressionResult {
  value: ExprValue
  /** IgnoreFlowIfNullOrEmpty saw a null or empty value: leave the attribute out of the flow. */
  ignoreFlow: boolean
  /** Redact was used: show the value as `[Redact]` in logs. */
  redacted: boolean
  /** For a top-level SelectUniqueValue: every rule's value in order, for the caller's uniqueness check. */
  candidates?: string[]
}

/**
 * Evaluates a parsed expression against a source object. Attribute references read the source
 * (case-insensitively); Now(), Guid() and RandomString() use the context's clock, id generator and random source.
 * Throws ExpressionEvaluationError (with the function and its position) on bad input such as an unparseable date.
 */
export function evaluateExpression(expr: Expr, context: EvaluationContext): ExpressionResult {
  const flags: EvaluationFlags = { redacted: false, ignoreFlow: false }
  if (expr.kind === 'call' && expr.name === 'SelectUniqueValue') {
    const candidates = expr.args
      .map((arg) => (arg ? toText(evaluate(arg, context, flags)) : null))
      .filter((value): value is string => value !== null && value !== '')
    return { value: candidates[0] ?? null, candidates, ...flags }
  }
  const value = evaluate(expr, context, flags)
  return { value, ...flags }
}

function evaluate(expr: Expr, context: EvaluationContext, flags: EvaluationFlags): ExprValue {
  switch (expr.kind) {
    case 'string':
      return expr.value
    case 'number':
      return expr.value
    case 'constant':
      return expr.name
    case 'attribute':
      return readAttribute(context.source, expr.name)
    case 'comparison':
      return compare(expr, evaluate(expr.left, context, flags), evaluate(expr.right, context, flags))
    case 'call': {
      const args: Arg[] = expr.args.map((arg) => (arg ? () => evaluate(arg, context, flags) : undefined))
      return FUNCTIONS[expr.name as FunctionName](args, { expr, context, flags })
    }
  }
}

/** A comparison is false when either side is null or empty (Entra: "the condition check fails"). */
function compare(expr: ComparisonExpr, left: ExprValue, right: ExprValue): boolean {
  if (isNullOrEmpty(left) || isNullOrEmpty(right)) return false
  const [a, b] = [toNumber(left), toNumber(right)]
  const order =
    a !== undefined && b !== undefined ? Math.sign(a - b) : ordinal(toText(left) ?? '', toText(right) ?? '')
  switch (expr.operator) {
    case '=':
      return order === 0
    case '<>':
      return order !== 0
    case '>':
      return order > 0
    case '>=':
      return order >= 0
    case '<':
      return order < 0
    case '<=':
      return order <= 0
  }
}

function ordinal(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1
}
