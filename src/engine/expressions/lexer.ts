import { COMPARISON_OPERATORS, type ComparisonOperator, MAX_EXPRESSION_LENGTH } from './ast.js'
import { ExpressionSyntaxError } from './expression-error.js'

/** A token of the expression language; `position` is 1-based. */
export type Token =
  | { type: 'name'; text: string; position: number }
  | { type: 'attribute'; text: string; position: number }
  | { type: 'string'; text: string; position: number }
  | { type: 'number'; value: number; hex: boolean; position: number }
  | { type: 'operator'; text: ComparisonOperator; position: number }
  | { type: '(' | ')' | ',' | 'end'; position: number }

const NAME_START = /[A-Za-z_]/
const NAME_PART = /[A-Za-z0-9_]/
const DIGIT = /[0-9]/
const HEX_DIGIT = /[0-9A-Fa-f]/

/** Splits an expression into tokens; throws ExpressionSyntaxError with the position of the first bad character. */
export function tokenize(text: string): Token[] {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionSyntaxError(
      'EXPRESSION_TOO_LONG',
      `Expression is ${text.length} characters long; the maximum is ${MAX_EXPRESSION_LENGTH}`,
      MAX_EXPRESSION_LENGTH + 1,
    )
  }
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]
    const position = i + 1
    if (/\s/.test(c)) {
      i++
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: c, position })
      i++
    } else if (c === '[') {
      const close = text.indexOf(']', i + 1)
      if (close < 0)
        throw new ExpressionSyntaxError(
          'EXPRESSION_SYNTAX',
          `Expected ']' to close the attribute opened at position ${position}`,
          position,
        )
      const name = text.slice(i + 1, close).trim()
      if (name === '')
        throw new ExpressionSyntaxError(
          'EXPRESSION_SYNTAX',
          `Expected an attribute name inside [] at position ${position}`,
          position,
        )
      tokens.push({ type: 'attribute', text: name, position })
      i = close + 1
    } else if (c === '"') {
      const [value, end] = readString(text, i)
      tokens.push({ type: 'string', text: value, position })
      i = end
    } else if (
      c === '&' &&
      (text[i + 1] === 'H' || text[i + 1] === 'h') &&
      HEX_DIGIT.test(text[i + 2] ?? '')
    ) {
      let end = i + 2
      while (end < text.length && HEX_DIGIT.test(text[end])) end++
      tokens.push({ type: 'number', value: Number.parseInt(text.slice(i + 2, end), 16), hex: true, position })
      i = end
    } else if (DIGIT.test(c) || (c === '-' && DIGIT.test(text[i + 1] ?? ''))) {
      const match = /^-?[0-9]+(\.[0-9]+)?/.exec(text.slice(i))!
      tokens.push({ type: 'number', value: Number(match[0]), hex: false, position })
      i += match[0].length
    } else if (NAME_START.test(c)) {
      let end = i + 1
      while (end < text.length && NAME_PART.test(text[end])) end++
      tokens.push({ type: 'name', text: text.slice(i, end), position })
      i = end
    } else {
      const operator = [...COMPARISON_OPERATORS].find((op) => text.startsWith(op, i))
      if (!operator)
        throw new ExpressionSyntaxError(
          'EXPRESSION_SYNTAX',
          `Unexpected character '${c}' at position ${position}`,
          position,
        )
      tokens.push({ type: 'operator', text: operator, position })
      i += operator.length
    }
  }
  tokens.push({ type: 'end', position: text.length + 1 })
  return tokens
}

/**
 * Reads a `"..."` literal starting at `start`: a backslash escapes a backslash or a quote; any other backslash is
 * kept, so `"\\d"` and `"\d"` both hold the regex `\d`. Returns the value and the index after the closing quote.
 */
function readString(text: string, start: number): [string, number] {
  let value = ''
  let i = start + 1
  while (i < text.length) {
    const c = text[i]
    if (c === '"') return [value, i + 1]
    if (c === '\\' && (text[i + 1] === '\\' || text[i + 1] === '"')) {
      value += text[i + 1]
      i += 2
    } else {
      value += c
      i++
    }
  }
  throw new ExpressionSyntaxError(
    'EXPRESSION_SYNTAX',
    `Expected '"' to close the string opened at position ${start + 1}`,
    start + 1,
  )
}
