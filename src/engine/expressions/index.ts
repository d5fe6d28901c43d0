export type * from './ast.js'
export { MAX_EXPRESSION_LENGTH } from './ast.js'
export { type ExpressionResult, evaluateExpression } from './evaluator.js'
export {
  ExpressionEvaluationError,
  type ExpressionSyntaxCode,
  ExpressionSyntaxError,
} from './expression-error.js'
export { FUNCTION_SIGNATURES, type FunctionName } from './function-signatures.js'
export type { EvaluationContext } from './functions/function-types.js'
export { parseExpression } from './parser.js'
export { printExpression } from './printer.js'
export type { ExprValue, ScimRoleValue } from './values.js'
