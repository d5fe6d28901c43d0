import type { CallExpr, Expr } from './ast.js'
import { DATE_INTERVALS } from './dates/date-arithmetic.js'
import { ExpressionSyntaxError } from './expression-error.js'
import { type FunctionName, functionArity, isFunctionName, nearFunctionNames } from './function-signatures.js'
import { toJsRegExp } from './functions/dotnet-regex.js'

/** Checks a parsed expression: known functions, argument counts, SelectUniqueValue at the top only, regex literals. */
export function checkExpression(expr: Expr): void {
  visit(expr, true)
}

function visit(expr: Expr | null, topLevel: boolean): void {
  if (expr === null) return
  if (expr.kind === 'comparison') {
    visit(expr.left, false)
    visit(expr.right, false)
  }
  if (expr.kind !== 'call') return
  checkCall(expr, topLevel)
  for (const arg of expr.args) visit(arg, false)
}

function checkCall(call: CallExpr, topLevel: boolean): void {
  const { name, position } = call
  if (!isFunctionName(name)) {
    const near = nearFunctionNames(name)
    const hint = near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''
    throw new ExpressionSyntaxError(
      'EXPRESSION_UNKNOWN_FUNCTION',
      `Unknown function '${name}' at position ${position}${hint}`,
      position,
    )
  }
  const count = call.args.length
  const { min, max } = functionArity(name)
  if (count < min || count > max) {
    const expected =
      max === Number.POSITIVE_INFINITY ? `at least ${min}` : min === max ? `${min}` : `${min} to ${max}`
    fail(call, 'EXPRESSION_ARGUMENT_COUNT', `${name} takes ${expected} arguments but was given ${count}`)
  }
  if (name === 'Switch' && count % 2 !== 0) {
    fail(
      call,
      'EXPRESSION_ARGUMENT_COUNT',
      `Switch takes an even number of arguments (keys and values in pairs) but was given ${count}`,
    )
  }
  if (name === 'SelectUniqueValue' && !topLevel) {
    fail(
      call,
      'EXPRESSION_INVALID_ARGUMENT',
      'SelectUniqueValue must be the outermost function and cannot be nested',
    )
  }
  checkLiteralArguments(name, call)
}

function checkLiteralArguments(name: FunctionName, call: CallExpr): void {
  const pattern = call.args[2]
  if (name === 'Replace' && pattern?.kind === 'string') {
    try {
      toJsRegExp(pattern.value)
    } catch (error) {
      throw new ExpressionSyntaxError(
        'EXPRESSION_INVALID_ARGUMENT',
        `Replace regexPattern at position ${pattern.position} is not a valid regular expression: ${(error as Error).message}`,
        pattern.position,
      )
    }
  }
  const interval = call.args[0]
  if (
    (name === 'DateAdd' || name === 'DateDiff') &&
    interval?.kind === 'string' &&
    !DATE_INTERVALS.includes(interval.value)
  ) {
    throw new ExpressionSyntaxError(
      'EXPRESSION_INVALID_ARGUMENT',
      `${name} interval "${interval.value}" at position ${interval.position} is not one of ${DATE_INTERVALS.join(', ')}`,
      interval.position,
    )
  }
}

function fail(
  call: CallExpr,
  code: 'EXPRESSION_ARGUMENT_COUNT' | 'EXPRESSION_INVALID_ARGUMENT',
  message: string,
): never {
  throw new ExpressionSyntaxError(code, `${message} (at position ${call.position})`, call.position)
}
