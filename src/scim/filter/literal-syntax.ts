import type { FilterValue } from './ast.js'

/** A JSON string literal read from filter text: its value and the index just after the closing quote. */
export interface StringLiteral {
  value: string
  end: number
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48
  if (c >= 97 && c <= 102) return c - 87
  if (c >= 65 && c <= 70) return c - 55
  return -1
}

/**
 * Reads the JSON string literal whose opening quote is at `start` (escapes \" \\ \/ \b \f \n \r \t \uXXXX; raw
 * control characters are tolerated). Returns the message of the first problem instead when the literal is malformed.
 */
export function readStringLiteral(text: string, start: number): StringLiteral | string {
  const n = text.length
  let i = start + 1
  let chunk = i
  let out = ''
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === 34) return { value: out + text.slice(chunk, i), end: i + 1 }
    if (c !== 92) {
      i++
      continue
    }
    out += text.slice(chunk, i)
    const e = text.charCodeAt(i + 1)
    switch (e) {
      case 34:
        out += '"'
        break
      case 92:
        out += '\\'
        break
      case 47:
        out += '/'
        break
      case 98:
        out += '\b'
        break
      case 102:
        out += '\f'
        break
      case 110:
        out += '\n'
        break
      case 114:
        out += '\r'
        break
      case 116:
        out += '\t'
        break
      case 117: {
        let code = 0
        for (let k = 2; k < 6; k++) {
          const d = hexDigit(text.charCodeAt(i + k))
          if (d < 0) return `Invalid \\u escape at position ${i}: expected four hex digits`
          code = code * 16 + d
        }
        out += String.fromCharCode(code)
        i += 4
        break
      }
      default:
        if (i + 1 >= n) return `Unterminated string starting at position ${start}: expected a closing '"'`
        return `Invalid escape "\\${text[i + 1]}" at position ${i} in the string starting at position ${start}`
    }
    i += 2
    chunk = i
  }
  return `Unterminated string starting at position ${start}: expected a closing '"'`
}

/** Whether `word` is a whole JSON number: -?(0|[1-9]DIGIT*)(.DIGIT+)?([eE][+-]?DIGIT+)? */
function isJsonNumber(word: string): boolean {
  const n = word.length
  let i = 0
  const digit = (k: number) => {
    const c = word.charCodeAt(k)
    return c >= 48 && c <= 57
  }
  if (word.charCodeAt(0) === 45) i++
  if (i >= n || !digit(i)) return false
  if (word.charCodeAt(i) === 48) i++
  else while (i < n && digit(i)) i++
  if (i < n && word.charCodeAt(i) === 46) {
    i++
    if (i >= n || !digit(i)) return false
    while (i < n && digit(i)) i++
  }
  if (i < n && (word.charCodeAt(i) | 32) === 101) {
    i++
    const s = word.charCodeAt(i)
    if (s === 43 || s === 45) i++
    if (i >= n || !digit(i)) return false
    while (i < n && digit(i)) i++
  }
  return i === n
}

/**
 * The value of an unquoted word in value position: true, false or null (any case), a JSON number, or else the word
 * itself as a string (the lenient form `userName eq jdoe`, `id eq 54D382A4-4A1B-…`). Returns undefined for a number
 * out of the double range (e.g. 1e999).
 */
export function unquotedValue(word: string): FilterValue | undefined {
  const c = word.charCodeAt(0)
  if (word.length === 4 || word.length === 5) {
    const lower = word.toLowerCase()
    if (lower === 'true') return true
    if (lower === 'false') return false
    if (lower === 'null') return null
  }
  if ((c >= 48 && c <= 57) || c === 45) {
    if (isJsonNumber(word)) {
      const n = Number(word)
      if (!Number.isFinite(n)) return undefined
      return n === 0 ? 0 : n
    }
  }
  return word
}
