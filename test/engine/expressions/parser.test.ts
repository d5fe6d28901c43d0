import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type Expr,
  ExpressionSyntaxError,
  MAX_EXPRESSION_LENGTH,
  parseExpression,
  printExpression,
} from '../../../src/engine/expressions/index.js'
import { generatedExpr } from './expression-arbitrary.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 300)

/** The AST without source positions, for comparing a parse of printed text with the original. */
function shape(expr: Expr): unknown {
  return JSON.parse(JSON.stringify(expr, (key, value) => (key === 'position' ? undefined : value)))
}

function syntaxError(text: string): ExpressionSyntaxError {
  try {
    parseExpression(text)
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return error
    throw error
  }
  throw new Error(`expected ${text} not to parse`)
}

describe('parseExpression', () => {
  it('parses calls, attributes, strings with escapes, numbers, hex numbers, constants and comparisons', () => {
    const expr = parseExpression(
      'IIF([country] = "Company: \\"Contoso\\" \\\\ x", Left([a b], -2), InStr("x", "y", &HF7, vbTextCompare))',
    )
    expect(shape(expr)).toEqual({
      kind: 'call',
      name: 'IIF',
      args: [
        {
          kind: 'comparison',
          operator: '=',
          left: { kind: 'attribute', name: 'country' },
          right: { kind: 'string', value: 'Company: "Contoso" \\ x' },
        },
        {
          kind: 'call',
          name: 'Left',
          args: [
            { kind: 'attribute', name: 'a b' },
            { kind: 'number', value: -2 },
          ],
        },
        {
          kind: 'call',
          name: 'InStr',
          args: [
            { kind: 'string', value: 'x' },
            { kind: 'string', value: 'y' },
            { kind: 'number', value: 247, hex: true },
            { kind: 'constant', name: 'vbTextCompare' },
          ],
        },
      ],
    })
  })

  it('keeps omitted arguments as null, across lines', () => {
    const expr = parseExpression('Switch([IsSoftDeleted], ,\n  "False", "True",\n  "True", "False")')
    expect(expr.kind === 'call' && expr.args[1]).toBeNull()
    const replace = parseExpression('Replace([mail], "@contoso.com", , ,"", ,)')
    expect(replace.kind === 'call' && replace.args.map((arg) => arg?.kind ?? null)).toEqual([
      'attribute',
      'string',
      null,
      null,
      'string',
      null,
      null,
    ])
  })

  it('reports a missing closing parenthesis at the end', () => {
    const error = syntaxError('Join(" ", [givenName]')
    expect(error.code).toBe('EXPRESSION_SYNTAX')
    expect(error.position).toBe(22)
    expect(error.message).toMatch(/^Expected '\)' .*at position 22$/)
  })

  it('reports unexpected characters, unclosed strings and brackets with their positions', () => {
    expect(syntaxError('Append([a], @)')).toMatchObject({
      position: 13,
      message: "Unexpected character '@' at position 13",
    })
    expect(syntaxError('Append([a], "x)')).toMatchObject({ position: 13 })
    expect(syntaxError('Append([a, "x")')).toMatchObject({ position: 8 })
    expect(syntaxError('Append([a] "x")').message).toBe(
      "Expected ',' or ')' but found a string at position 12",
    )
    expect(syntaxError('Append([a], "x") Left').message).toMatch(/end of the expression .* at position 18/)
    expect(syntaxError('').message).toMatch(/at position 1/)
  })

  it('names an unknown function and suggests near names (names are case-sensitive)', () => {
    const error = syntaxError('Append(toLower([mail]), "x")')
    expect(error).toMatchObject({ code: 'EXPRESSION_UNKNOWN_FUNCTION', position: 8 })
    expect(error.message).toBe("Unknown function 'toLower' at position 8; did you mean ToLower?")
    expect(syntaxError('Jion(" ", [a])').message).toContain('Join')
    expect(syntaxError('Frobnicate([a])').message).toBe("Unknown function 'Frobnicate' at position 1")
  })

  it('reports wrong argument counts with the expected count', () => {
    expect(syntaxError('Left([a])')).toMatchObject({
      code: 'EXPRESSION_ARGUMENT_COUNT',
      message: 'Left takes 2 arguments but was given 1 (at position 1)',
    })
    expect(syntaxError('Join(" ")').message).toBe(
      'Join takes at least 2 arguments but was given 1 (at position 1)',
    )
    expect(syntaxError('PCase([a], " ", "x")').message).toContain(
      'PCase takes 1 to 2 arguments but was given 3',
    )
    expect(syntaxError('Switch([a], "d", "k", "v", "k2")').message).toContain(
      'Switch takes an even number of arguments',
    )
    expect(syntaxError('Guid(1)').message).toContain('Guid takes 0 arguments')
  })

  it('rejects a nested SelectUniqueValue, an invalid regex literal and an unknown date interval', () => {
    expect(syntaxError('ToLower(SelectUniqueValue([a], [b]))')).toMatchObject({
      code: 'EXPRESSION_INVALID_ARGUMENT',
      position: 9,
    })
    expect(syntaxError('Replace([a], , "(?<x>", , "", , )')).toMatchObject({
      code: 'EXPRESSION_INVALID_ARGUMENT',
      position: 16,
    })
    expect(syntaxError('DateAdd("days", 1, Now())')).toMatchObject({
      code: 'EXPRESSION_INVALID_ARGUMENT',
      position: 9,
    })
  })

  it('refuses expressions longer than 10,000 characters', () => {
    const text = `Append([a], "${'x'.repeat(MAX_EXPRESSION_LENGTH)}")`
    expect(syntaxError(text)).toMatchObject({ code: 'EXPRESSION_TOO_LONG' })
    expect(() => parseExpression(`Append([a], "${'x'.repeat(MAX_EXPRESSION_LENGTH - 20)}")`)).not.toThrow()
  })

  it('throws only ExpressionSyntaxError on arbitrary input', () => {
    const piece = fc.constantFrom(
      '(',
      ')',
      ',',
      '"',
      '\\',
      '[',
      ']',
      '&H',
      '-',
      '1',
      ' ',
      '=',
      '<',
      '>',
      'Join',
      'Left',
      'x',
      'vbTextCompare',
    )
    const text = fc.oneof(
      fc.string(),
      fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')),
    )
    fc.assert(
      fc.property(text, (input) => {
        try {
          parseExpression(input)
        } catch (error) {
          expect(error).toBeInstanceOf(ExpressionSyntaxError)
        }
      }),
      { numRuns: RUNS * 3 },
    )
  })
})

describe('printExpression', () => {
  it('prints text that parses back to the same AST', () => {
    fc.assert(
      fc.property(generatedExpr, (expr) => {
        expect(shape(parseExpression(printExpression(expr)))).toEqual(shape(expr))
      }),
      { numRuns: RUNS },
    )
  })

  it('prints the documented expressions in canonical form', () => {
    const text = 'Switch([IsSoftDeleted], , "False", "True", "True", "False")'
    expect(printExpression(parseExpression(text))).toBe(text)
    expect(printExpression(parseExpression('BitAnd(&HF,&hf7)'))).toBe('BitAnd(&HF, &HF7)')
    expect(printExpression(parseExpression('Replace([a], , "\\\\d", , "", , )'))).toBe(
      'Replace([a], , "\\\\d", , "", , )',
    )
  })
})
