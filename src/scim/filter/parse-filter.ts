import { ScimError } from '../scim-error.js'
import type { Filter } from './ast.js'
import { FilterGrammar } from './filter-grammar.js'

/** Limits on filter text. */
export interface ParseFilterOptions {
  /** Longest filter accepted, in characters (default 4096). */
  maxLength?: number
  /** Deepest nesting of parentheses, "not" and "[…]" accepted (default 32). */
  maxDepth?: number
}

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2) into a Filter AST: eq ne co sw ew gt ge lt le pr, and/or/not with
 * precedence not > and > or, grouping, value filters `emails[type eq "work"]`, sub-attributes, URN-qualified paths.
 * Also the lenient client forms: operators and keywords in any case, unquoted values (`externalId eq jyoung` is the
 * string "jyoung"; `true`, `false`, `null` and JSON numbers keep their type), `emails[type eq "work"].value eq "x"`.
 * Throws ScimError 400 invalidFilter saying where (0-based position) and what was expected.
 *
 * @example parseFilter('userName eq "bjensen"') // { kind: 'compare', path: { attribute: 'userName' }, op: 'eq', value: 'bjensen' }
 */
export function parseFilter(text: string, options: ParseFilterOptions = {}): Filter {
  const maxLength = options.maxLength ?? 4096
  if (text.length > maxLength) {
    throw new ScimError(
      400,
      'invalidFilter',
      `The filter is ${text.length} characters long; the limit is ${maxLength}`,
    )
  }
  const grammar = new FilterGrammar(text, 'invalidFilter', options.maxDepth ?? 32)
  const filter = grammar.parseOr(false)
  grammar.expectEnd('"and", "or" or the end of the filter')
  return filter
}
