import fc from 'fast-check'
import { functionArity } from '../../../src/engine/expressions/function-signatures.js'
import { type Expr, FUNCTION_SIGNATURES, type FunctionName } from '../../../src/engine/expressions/index.js'

/** Functions whose arguments the generator can fill freely (no literal constraints, no nesting rules). */
const FREE_FUNCTIONS = (Object.keys(FUNCTION_SIGNATURES) as FunctionName[]).filter(
  (name) => !['SelectUniqueValue', 'Replace', 'DateAdd', 'DateDiff', 'Switch'].includes(name),
)

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.string().map((value): Expr => ({ kind: 'string', value, position: 0 })),
  fc
    .stringMatching(/^[A-Za-z]([A-Za-z0-9_. -]{0,12}[A-Za-z0-9_])?$/)
    .map((name): Expr => ({ kind: 'attribute', name, position: 0 })),
  fc
    .integer({ min: -1_000_000, max: 1_000_000 })
    .map((value): Expr => ({ kind: 'number', value, position: 0 })),
  fc.nat({ max: 0xffffff }).map((value): Expr => ({ kind: 'number', value, hex: true, position: 0 })),
  fc.constantFrom<Expr>(
    { kind: 'constant', name: 'vbTextCompare', position: 0 },
    { kind: 'constant', name: 'vbBinaryCompare', position: 0 },
  ),
)

/** Expression ASTs the parser accepts (positions 0), built from every function without literal constraints. */
export const { expr: generatedExpr } = fc.letrec<{ expr: Expr; operand: Expr; call: Expr }>((tie) => ({
  expr: fc.oneof(
    { weight: 3, arbitrary: tie('operand') },
    {
      weight: 1,
      arbitrary: fc
        .tuple(tie('operand'), fc.constantFrom('=', '<>', '>=', '<=', '>', '<' as const), tie('operand'))
        .map(([left, operator, right]): Expr => ({ kind: 'comparison', operator, left, right, position: 0 })),
    },
  ),
  operand: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('call')),
  call: fc.constantFrom(...FREE_FUNCTIONS).chain((name) => {
    const { min, max } = functionArity(name)
    const count = fc.integer({ min, max: Math.min(max, min + 2) })
    return count.chain((n) =>
      fc
        .array(n === 1 ? tie('expr') : fc.option(tie('expr'), { nil: null }), { minLength: n, maxLength: n })
        .map((args): Expr => ({ kind: 'call', name, args, position: 0 })),
    )
  }),
}))
