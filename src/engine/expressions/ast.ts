/** A node of a parsed mapping expression. `position` is the 1-based character where the node starts. */
export type Expr = CallExpr | AttributeExpr | StringExpr | NumberExpr | ConstantExpr | ComparisonExpr

/** `FunctionName(arg1, , arg3)`: an omitted argument is `null`. */
export interface CallExpr {
  kind: 'call'
  name: string
  args: (Expr | null)[]
  position: number
}

/** `[attributeName]`: a source attribute reference. */
export interface AttributeExpr {
  kind: 'attribute'
  name: string
  position: number
}

/** `"text"` with `\"` and `\\` escapes. */
export interface StringExpr {
  kind: 'string'
  value: string
  position: number
}

/** `7`, `-10`, `1.5`, or a hexadecimal `&HF7` (`hex` set so the printer writes it back the same way). */
export interface NumberExpr {
  kind: 'number'
  value: number
  hex?: boolean
  position: number
}

/** A bare named constant: `vbTextCompare`, `vbBinaryCompare`. */
export interface ConstantExpr {
  kind: 'constant'
  name: NamedConstant
  position: number
}

/** `left op right`, used in IIF and CBool conditions. */
export interface ComparisonExpr {
  kind: 'comparison'
  operator: ComparisonOperator
  left: Expr
  right: Expr
  position: number
}

export const COMPARISON_OPERATORS = ['=', '<>', '>=', '<=', '>', '<'] as const
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number]

export const NAMED_CONSTANTS = ['vbTextCompare', 'vbBinaryCompare'] as const
export type NamedConstant = (typeof NAMED_CONSTANTS)[number]

/** Entra's maximum expression length. */
export const MAX_EXPRESSION_LENGTH = 10_000
