import type { AttrPath } from '../filter/ast.js'
import { FilterGrammar } from '../filter/filter-grammar.js'
import { ScimError } from '../scim-error.js'
import type { PatchPath } from './ast.js'

const MAX_PATH_LENGTH = 4096
const MAX_PATH_DEPTH = 32

function grammarFor(text: string): FilterGrammar {
  if (text.length > MAX_PATH_LENGTH) {
    throw new ScimError(
      400,
      'invalidPath',
      `The path is ${text.length} characters long; the limit is ${MAX_PATH_LENGTH}`,
    )
  }
  return new FilterGrammar(text, 'invalidPath', MAX_PATH_DEPTH)
}

function firstWord(grammar: FilterGrammar): { word: string; start: number } {
  grammar.skipSpace()
  const start = grammar.pos
  const word = grammar.readWord()
  if (word === '') grammar.fail(`Expected an attribute path at position ${start}, found ${grammar.found()}`)
  return { word, start }
}

/**
 * Parses a PATCH path (RFC 7644 §3.5.2): `attrPath` (`userName`, `name.givenName`,
 * `urn:…:enterprise:2.0:User:manager.value`), `valuePath` (`members[value eq "2819c223"]`) or a valuePath with a
 * sub-attribute (`emails[type eq "work"].value`). The value filter follows parseFilter's grammar, lenient forms included.
 * Throws ScimError 400 invalidPath with the 0-based position of the problem.
 *
 * @example parsePath('emails[type eq "work"].value') // { attr: { attribute: 'emails' }, filter: …, subAttribute: 'value' }
 */
export function parsePath(text: string): PatchPath {
  const grammar = grammarFor(text)
  const { word, start } = firstWord(grammar)
  const path = grammar.pathAt(word, start, false)
  grammar.expectEnd('the end of the path')
  return path
}

/**
 * Parses a plain attribute path as used by `attributes`, `excludedAttributes` and `sortBy`: `userName`,
 * `name.givenName`, `urn:…:enterprise:2.0:User:employeeNumber`. No value filter. Throws ScimError 400 invalidPath.
 */
export function parseAttrPath(text: string): AttrPath {
  const grammar = grammarFor(text)
  const { word, start } = firstWord(grammar)
  const path = grammar.attrPathAt(word, start, false)
  grammar.expectEnd('the end of the attribute path')
  return path
}
