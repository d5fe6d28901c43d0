import type { Expr } from './ast.js'

/** Prints an expression AST back as expression text that parses to the same AST. */
export function printExpression(expr: Expr | null): string {
  if (expr === null) return ''
  switch (expr.kind) {
    case 'string':
      return `"${expr.value.replace(/[\\"]/g, '\\$&')}"`
    case 'number':
      return expr.hex ? `&H${expr.value.toString(16).toUpperCase()}` : String(expr.value)
    case 'constant':
      return expr.name
    case 'attribute':
      return `[${expr.name}]`
    case 'comparison':
      return `${printExpression(expr.left)} ${expr.operator} ${printExpression(expr.right)}`
    case 'call':
      return `${expr.name}(${expr.args.map(printExpression).join(', ')})`
  }
}
