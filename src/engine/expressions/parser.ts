import { type ConstantExpr, type Expr, NAMED_CONSTANTS, type NamedConstant } from './ast.js'
import { checkExpression } from './expression-checks.js'
import { ExpressionSyntaxError } from './expression-error.js'
import { type Token, tokenize } from './lexer.js'

/**
 * Parses and checks a mapping expression (`Join(" ", [givenName], [surname])`) into its AST.
 * Throws ExpressionSyntaxError with a 1-based position: `Expected ')' at position 17`, unknown functions
 * (with near names), wrong argument counts, a nested SelectUniqueValue, an invalid regex literal.
 */
export function parseExpression(text: string): Expr {
  const parser = new Parser(tokenize(text))
  const expr = parser.expression()
  parser.expectEnd()
  checkExpression(expr)
  return expr
}

class Parser {
  private index = 0

  constructor(private readonly tokens: Token[]) {}

  expression(): Expr {
    const left = this.operand()
    const next = this.peek()
    if (next.type !== 'operator') return left
    this.index++
    const right = this.operand()
    return { kind: 'comparison', operator: next.text, left, right, position: left.position }
  }

  expectEnd(): void {
    const next = this.peek()
    if (next.type !== 'end') this.fail(`Expected the end of the expression but found ${describe(next)}`, next)
  }

  private operand(): Expr {
    const token = this.peek()
    this.index++
    switch (token.type) {
      case 'attribute':
        return { kind: 'attribute', name: token.text, position: token.position }
      case 'string':
        return { kind: 'string', value: token.text, position: token.position }
      case 'number':
        return token.hex
          ? { kind: 'number', value: token.value, hex: true, position: token.position }
          : { kind: 'number', value: token.value, position: token.position }
      case 'name':
        return this.peek().type === '('
          ? this.call(token.text, token.position)
          : constant(token.text, token.position)
      default:
        return this.fail(
          `Expected a function, [attribute], "string" or number but found ${describe(token)}`,
          token,
        )
    }
  }

  private call(name: string, position: number): Expr {
    this.index++ // (
    const args: (Expr | null)[] = []
    if (this.peek().type === ')') {
      this.index++
      return { kind: 'call', name, args, position }
    }
    for (;;) {
      const next = this.peek()
      args.push(next.type === ',' || next.type === ')' ? null : this.expression())
      const separator = this.peek()
      this.index++
      if (separator.type === ')') return { kind: 'call', name, args, position }
      if (separator.type === 'end') this.fail(`Expected ')' to close ${name}(`, separator)
      if (separator.type !== ',') this.fail(`Expected ',' or ')' but found ${describe(separator)}`, separator)
    }
  }

  private peek(): Token {
    return this.tokens[this.index]
  }

  private fail(message: string, token: Token): never {
    throw new ExpressionSyntaxError(
      'EXPRESSION_SYNTAX',
      `${message} at position ${token.position}`,
      token.position,
    )
  }
}

function constant(name: string, position: number): ConstantExpr {
  if (!(NAMED_CONSTANTS as readonly string[]).includes(name)) {
    throw new ExpressionSyntaxError(
      'EXPRESSION_SYNTAX',
      `Unknown name '${name}' at position ${position}: expected a function call like ${name}(...), an [attribute], a "string" or one of ${NAMED_CONSTANTS.join(', ')}`,
      position,
    )
  }
  return { kind: 'constant', name: name as NamedConstant, position }
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'the end of the expression'
    case 'name':
    case 'operator':
      return `'${token.text}'`
    case 'attribute':
      return `[${token.text}]`
    case 'string':
      return 'a string'
    case 'number':
      return 'a number'
    default:
      return `'${token.type}'`
  }
}
