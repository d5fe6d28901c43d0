import type { AttrPath } from './ast.js'

/** Whether a character code is an ASCII letter (RFC 7644 ALPHA). */
function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90)
}

/**
 * Whether `text` is an attribute name of RFC 7644 §3.10: ALPHA *(nameChar) where nameChar is "-", "_", DIGIT or
 * ALPHA; a leading "$" is also accepted for `$ref`.
 */
export function isAttributeName(text: string): boolean {
  const n = text.length
  if (n === 0) return false
  let i = 0
  if (text.charCodeAt(0) === 36 /* $ */) i = 1
  if (i >= n || !isAlpha(text.charCodeAt(i))) return false
  for (i++; i < n; i++) {
    const c = text.charCodeAt(i)
    if (!(isAlpha(c) || (c >= 48 && c <= 57) || c === 45 || c === 95)) return false
  }
  return true
}

/**
 * Splits an attribute path token (`name.givenName`, `urn:…:enterprise:2.0:User:manager.value`) into an AttrPath:
 * the schema URI ends at the last ':', the sub-attribute follows the first '.' after it. Returns a message saying
 * what is wrong (without position) when the token is not a well-formed attrPath.
 */
export function splitAttrPathToken(token: string): AttrPath | string {
  const colon = token.lastIndexOf(':')
  const rest = colon < 0 ? token : token.slice(colon + 1)
  if (colon === 0) return `"${token}" has an empty schema URI before ":"`
  const dot = rest.indexOf('.')
  const attribute = dot < 0 ? rest : rest.slice(0, dot)
  if (!isAttributeName(attribute)) {
    if (attribute === '' && colon >= 0) return `"${token}" has no attribute name after the schema URI`
    return `"${attribute}" in "${token}" is not an attribute name (a letter, then letters, digits, "-" or "_")`
  }
  const path: AttrPath = { attribute }
  if (colon > 0) path.schema = token.slice(0, colon)
  if (dot >= 0) {
    const subAttribute = rest.slice(dot + 1)
    if (!isAttributeName(subAttribute)) {
      return `"${subAttribute}" in "${token}" is not a sub-attribute name (a letter, then letters, digits, "-" or "_")`
    }
    path.subAttribute = subAttribute
  }
  return path
}
