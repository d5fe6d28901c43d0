/** Codes of {@link ExpressionSyntaxError}. */
export type ExpressionSyntaxCode =
  | 'EXPRESSION_SYNTAX'
  | 'EXPRESSION_TOO_LONG'
  | 'EXPRESSION_UNKNOWN_FUNCTION'
  | 'EXPRESSION_ARGUMENT_COUNT'
  | 'EXPRESSION_INVALID_ARGUMENT'

/** A mapping expression that does not parse or check; `position` is the 1-based character at fault. */
export class ExpressionSyntaxError extends Error {
  override readonly name = 'ExpressionSyntaxError'

  constructor(
    readonly code: ExpressionSyntaxCode,
    message: string,
    readonly position: number,
  ) {
    super(message)
  }
}

/** A mapping expression that failed while evaluating against a source object (bad date, non-number, ...). */
export class ExpressionEvaluationError extends Error {
  override readonly name = 'ExpressionEvaluationError'
  readonly code = 'EXPRESSION_EVALUATION'

  constructor(
    readonly functionName: string,
    message: string,
    readonly position: number,
  ) {
    super(`${functionName} at position ${position}: ${message}`)
  }
}
