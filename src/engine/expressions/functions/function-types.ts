import type { SourceObject } from '../../mapping/types.js'
import type { CallExpr } from '../ast.js'
import { ExpressionEvaluationError } from '../expression-error.js'
import type { ExprValue } from '../values.js'

/** What an expression is evaluated against: the source object and the injected clock, ids and randomness. */
export interface EvaluationContext {
  source: SourceObject
  /** The clock for Now(). */
  now: () => Date
  /** The id generator for Guid(). */
  newGuid: () => string
  /** A random source in [0, 1) for RandomString; RandomString fails without it. */
  random?: () => number
}

/** The side effects of an evaluation that the mapping layer acts on. */
export interface EvaluationFlags {
  /** Set by Redact(): log the value as `[Redact]`. */
  redacted: boolean
  /** Set by IgnoreFlowIfNullOrEmpty() on a null or empty value: drop the attribute from the flow. */
  ignoreFlow: boolean
}

/** A lazily evaluated argument; `undefined` when the argument was omitted (`Switch([a], , "x", "y")`). */
export type Arg = (() => ExprValue) | undefined

/** The implementation of one expression function. */
export type ExpressionFunction = (args: Arg[], call: FunctionCall) => ExprValue

/** The call being evaluated: its AST, the evaluation context and the flags it may set. */
export interface FunctionCall {
  expr: CallExpr
  context: EvaluationContext
  flags: EvaluationFlags
}

/** The value of an argument; null when omitted. */
export function argValue(arg: Arg): ExprValue {
  return arg ? arg() : null
}

/** An evaluation error for this call. */
export function callError(call: FunctionCall, message: string): ExpressionEvaluationError {
  return new ExpressionEvaluationError(call.expr.name, message, call.expr.position)
}
