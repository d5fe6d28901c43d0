import type { PatchPath } from '../path/ast.js'
import { ScimError } from '../scim-error.js'
import type { AttrPath, CompareOperator, Filter, FilterValue } from './ast.js'
import { isAttributeName, splitAttrPathToken } from './attr-path-syntax.js'
import { readStringLiteral, unquotedValue } from './literal-syntax.js'

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13
}

/** Whether a character ends an unquoted word: whitespace, parentheses, brackets or a double quote. */
function endsWord(c: number): boolean {
  return (
    c === 32 || c === 40 || c === 41 || c === 91 || c === 93 || c === 34 || c === 9 || c === 10 || c === 13
  )
}

/** The comparison operator a word names (any case), or undefined. */
function compareOperator(word: string): CompareOperator | undefined {
  if (word.length !== 2) return undefined
  switch (word.toLowerCase()) {
    case 'eq':
      return 'eq'
    case 'ne':
      return 'ne'
    case 'co':
      return 'co'
    case 'sw':
      return 'sw'
    case 'ew':
      return 'ew'
    case 'gt':
      return 'gt'
    case 'ge':
      return 'ge'
    case 'lt':
      return 'lt'
    case 'le':
      return 'le'
    default:
      return undefined
  }
}

function isPresentOperator(word: string): boolean {
  return word.length === 2 && (word.charCodeAt(0) | 32) === 112 && (word.charCodeAt(1) | 32) === 114
}

/**
 * The recursive-descent grammar of RFC 7644 §3.4.2.2 filters and §3.5.2 paths over one text, with the lenient forms
 * real clients send (unquoted values, any-case operators and keywords). Positions in messages are 0-based character
 * offsets. Used by parseFilter and parsePath; every error is a ScimError 400 with the scimType given.
 */
export class FilterGrammar {
  pos = 0
  private depth = 0

  constructor(
    readonly text: string,
    private readonly scimType: 'invalidFilter' | 'invalidPath',
    private readonly maxDepth: number,
  ) {}

  /** Throws the grammar's ScimError. */
  fail(message: string): never {
    throw new ScimError(400, this.scimType, message)
  }

  /** What sits at the current position, for "found …" in messages. */
  found(): string {
    const { text, pos } = this
    if (pos >= text.length) return `the end of the ${this.scimType === 'invalidPath' ? 'path' : 'filter'}`
    let end = pos
    while (end < text.length && !endsWord(text.charCodeAt(end))) end++
    if (end === pos) return `'${text[pos]}'`
    return JSON.stringify(end - pos > 40 ? `${text.slice(pos, pos + 40)}…` : text.slice(pos, end))
  }

  /** Moves past spaces, tabs and line breaks. */
  skipSpace(): void {
    const { text } = this
    let p = this.pos
    while (p < text.length && isSpace(text.charCodeAt(p))) p++
    this.pos = p
  }

  /** Fails unless only whitespace remains. */
  expectEnd(expected: string): void {
    this.skipSpace()
    if (this.pos < this.text.length)
      this.fail(`Expected ${expected} at position ${this.pos}, found ${this.found()}`)
  }

  /** Reads an unquoted word (up to whitespace, a parenthesis, a bracket or a quote). */
  readWord(): string {
    const { text } = this
    const start = this.pos
    let p = start
    while (p < text.length && !endsWord(text.charCodeAt(p))) p++
    this.pos = p
    return text.slice(start, p)
  }

  /** Consumes the keyword `and`/`or` (any case) when it is the next word. */
  private matchKeyword(keyword: string): boolean {
    this.skipSpace()
    const { text, pos } = this
    const n = keyword.length
    if (pos + n > text.length) return false
    for (let k = 0; k < n; k++) if ((text.charCodeAt(pos + k) | 32) !== keyword.charCodeAt(k)) return false
    if (pos + n < text.length && !endsWord(text.charCodeAt(pos + n))) return false
    this.pos = pos + n
    return true
  }

  private enter(at: number): void {
    if (++this.depth > this.maxDepth) {
      this.fail(
        `The ${this.scimType === 'invalidPath' ? 'path' : 'filter'} nests deeper than ${this.maxDepth} levels (parentheses, "not", "[…]") at position ${at}`,
      )
    }
  }

  /** filter = andExpr *("or" andExpr), left-associative. `relative`: inside `[…]`, where paths are sub-attributes. */
  parseOr(relative: boolean): Filter {
    let left = this.parseAnd(relative)
    while (this.matchKeyword('or')) left = { kind: 'or', left, right: this.parseAnd(relative) }
    return left
  }

  private parseAnd(relative: boolean): Filter {
    let left = this.parseUnary(relative)
    while (this.matchKeyword('and')) left = { kind: 'and', left, right: this.parseUnary(relative) }
    return left
  }

  /** "not" unary / "(" filter ")" / attrExp / valuePath. */
  private parseUnary(relative: boolean): Filter {
    this.skipSpace()
    const start = this.pos
    const { text } = this
    if (text.charCodeAt(start) === 40) {
      this.pos++
      this.enter(start)
      const inner = this.parseOr(relative)
      this.skipSpace()
      if (text.charCodeAt(this.pos) !== 41) {
        this.fail(
          `Expected "and", "or" or ")" at position ${this.pos} to close the "(" at position ${start}, found ${this.found()}`,
        )
      }
      this.pos++
      this.depth--
      return inner
    }
    const word = this.readWord()
    if (word === '')
      this.fail(`Expected an attribute path, "not" or "(" at position ${start}, found ${this.found()}`)
    if (word.length === 3 && word.toLowerCase() === 'not' && this.notIsOperator()) {
      this.enter(start)
      const filter = this.parseUnary(relative)
      this.depth--
      return { kind: 'not', filter }
    }
    const path = this.pathAt(word, start, relative)
    if (!path.filter) return this.parseAttrExpRest(path.attr, word)
    if (path.subAttribute === undefined) return { kind: 'valuePath', path: path.attr, filter: path.filter }
    // Client form `emails[type eq "work"].value eq "x"`: the comparison joins the value filter.
    const right = this.parseAttrExpRest({ attribute: path.subAttribute }, `${word}[…].${path.subAttribute}`)
    return { kind: 'valuePath', path: path.attr, filter: { kind: 'and', left: path.filter, right } }
  }

  /** After the word "not": whether it is the operator, rather than an attribute named "not" (`not eq "x"`). */
  private notIsOperator(): boolean {
    const after = this.pos
    if (this.text.charCodeAt(after) === 91) return false
    this.skipSpace()
    let operator = true
    if (this.text.charCodeAt(this.pos) !== 40) {
      const next = this.readWord()
      operator = !(compareOperator(next) || isPresentOperator(next))
    }
    this.pos = after
    return operator
  }

  /**
   * The path whose first word (`attrPath`, read already from `start`) is `word`: an attrPath, or a valuePath
   * `word[valFilter]` with an optional `.subAttr` right after the "]".
   */
  pathAt(word: string, start: number, relative: boolean): PatchPath {
    const attr = this.attrPathAt(word, start, relative)
    const { text } = this
    if (text.charCodeAt(this.pos) !== 91) return { attr }
    const open = this.pos
    if (relative)
      this.fail(`Value filters cannot be nested: "${word}[" at position ${start} is inside another "[…]"`)
    if (attr.subAttribute !== undefined) {
      this.fail(
        `Expected "[" after an attribute name, not after the sub-attribute "${word}" at position ${start}`,
      )
    }
    this.pos++
    this.enter(open)
    const filter = this.parseOr(true)
    this.skipSpace()
    if (text.charCodeAt(this.pos) !== 93) {
      this.fail(
        `Expected "and", "or" or "]" at position ${this.pos} to close "${word}[", found ${this.found()}`,
      )
    }
    this.pos++
    this.depth--
    if (text.charCodeAt(this.pos) !== 46) return { attr, filter }
    const subStart = ++this.pos
    const subAttribute = this.readWord()
    if (!isAttributeName(subAttribute)) {
      this.fail(
        `Expected a sub-attribute name after "${word}[…]." at position ${subStart}, found ${subAttribute ? JSON.stringify(subAttribute) : this.found()}`,
      )
    }
    return { attr, filter, subAttribute }
  }

  /** The AttrPath of a word; inside `[…]` only a bare sub-attribute name is allowed. */
  attrPathAt(word: string, start: number, relative: boolean): AttrPath {
    const path = splitAttrPathToken(word)
    if (typeof path === 'string') this.fail(`Expected an attribute path at position ${start}: ${path}`)
    if (relative && (path.schema !== undefined || path.subAttribute !== undefined)) {
      this.fail(`Expected a sub-attribute name inside "[…]" at position ${start}, found "${word}"`)
    }
    return path
  }

  /** After an attribute path: "pr", or a comparison operator and a value. */
  private parseAttrExpRest(path: AttrPath, pathText: string): Filter {
    this.skipSpace()
    const opStart = this.pos
    const word = this.readWord()
    if (isPresentOperator(word)) return { kind: 'present', path }
    const op = compareOperator(word)
    if (op === undefined) {
      const found = word === '' ? this.found() : JSON.stringify(word)
      this.fail(
        `Expected a comparison operator after "${pathText}" at position ${opStart}, found ${found} (one of eq, ne, co, sw, ew, gt, ge, lt, le, pr)`,
      )
    }
    return { kind: 'compare', path, op, value: this.parseValue(pathText, word) }
  }

  /** compValue: a JSON string, true/false/null, a number, or (lenient) an unquoted word taken as a string. */
  private parseValue(pathText: string, op: string): FilterValue {
    this.skipSpace()
    const { text } = this
    const start = this.pos
    if (text.charCodeAt(start) === 34) {
      const literal = readStringLiteral(text, start)
      if (typeof literal === 'string') this.fail(literal)
      this.pos = literal.end
      return literal.value
    }
    const word = this.readWord()
    if (word === '')
      this.fail(`Expected a value after "${pathText} ${op}" at position ${start}, found ${this.found()}`)
    const value = unquotedValue(word)
    if (value === undefined) this.fail(`The number ${word} at position ${start} is out of range`)
    return value
  }
}
