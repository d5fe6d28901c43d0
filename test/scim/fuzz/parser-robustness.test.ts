import fc from 'fast-check'
import { describe, it } from 'vitest'
import { compileFilter } from '../../../src/scim/filter/compile-filter.js'
import { printFilter } from '../../../src/scim/filter/filter-printer.js'
import { parseFilter } from '../../../src/scim/filter/parse-filter.js'
import { parsePath } from '../../../src/scim/path/parse-path.js'
import { printPath } from '../../../src/scim/path/print-path.js'
import { createDefaultRegistry } from '../../../src/scim/schema/schema-registry.js'
import { isScimError } from '../../../src/scim/scim-error.js'
import { FUZZ_RUNS, FUZZ_TIMEOUT, filter, patchPath, userFilter } from './filter-arbitrary.js'

/** Runs `parse`; it may return, or throw a ScimError 400 of the expected scimType, nothing else. */
function onlyScimErrors(parse: () => unknown, scimType: string): void {
  try {
    parse()
  } catch (error) {
    if (!isScimError(error) || error.status !== 400 || error.scimType !== scimType || !error.message)
      throw error
  }
}

/** Text made of the filter grammar's own tokens, so random input reaches deep into the grammar. */
const tokenSoup = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '(',
        ')',
        '[',
        ']',
        '"',
        '\\',
        '.',
        ':',
        ' ',
        'not',
        'and',
        'or',
        'pr',
        'eq',
        'gt',
        'co',
      ),
      fc.constantFrom(
        'userName',
        'emails',
        'value',
        'urn:ietf:params:scim:schemas:core:2.0:User:',
        '"x"',
        '1e5',
        '-',
      ),
      fc.constantFrom('true', 'NULL', '\\u12', '\\uD800', '"\\"', '\t', '$ref', '0', '1e999', '.value'),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''))

type Mutation = { at: number; kind: 'delete' | 'insert' | 'replace'; length: number; text: string }

/** A valid filter's text with a few random deletions, insertions and replacements. */
function mutated(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const mutation = fc.record<Mutation>({
    at: fc.nat(),
    kind: fc.constantFrom('delete', 'insert', 'replace'),
    length: fc.integer({ min: 1, max: 4 }),
    text: fc.oneof(
      fc.string({ maxLength: 3 }),
      fc.constantFrom('(', ')', '[', ']', '"', ' ', 'and ', 'not ', '\\'),
    ),
  })
  return fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([text, mutations]) => {
    let out = text
    for (const { at, kind, length, text: insert } of mutations) {
      const i = out.length === 0 ? 0 : at % (out.length + 1)
      if (kind === 'delete') out = out.slice(0, i) + out.slice(i + length)
      else if (kind === 'insert') out = out.slice(0, i) + insert + out.slice(i)
      else out = out.slice(0, i) + insert + out.slice(i + length)
    }
    return out
  })
}

const anyText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  tokenSoup,
)
const options = { numRuns: FUZZ_RUNS }

describe('parsers throw nothing but ScimError', () => {
  it(
    'parseFilter on arbitrary strings',
    () =>
      fc.assert(
        fc.property(anyText, (text) => onlyScimErrors(() => parseFilter(text), 'invalidFilter')),
        options,
      ),
    FUZZ_TIMEOUT,
  )

  it(
    'parseFilter on mutated valid filters',
    () => {
      const texts = mutated(filter.map((f) => printFilter(f)))
      fc.assert(
        fc.property(texts, (text) => onlyScimErrors(() => parseFilter(text), 'invalidFilter')),
        options,
      )
    },
    FUZZ_TIMEOUT,
  )

  it(
    'parsePath on arbitrary strings and mutated valid paths',
    () => {
      const texts = fc.oneof(anyText, mutated(patchPath.map((p) => printPath(p))))
      fc.assert(
        fc.property(texts, (text) => onlyScimErrors(() => parsePath(text), 'invalidPath')),
        options,
      )
    },
    FUZZ_TIMEOUT,
  )
})

describe('compiled filters', () => {
  const users = createDefaultRegistry().resourceSchema('User')
  const userish = fc.dictionary(
    fc.constantFrom(
      'userName',
      'USERNAME',
      'emails',
      'name',
      'meta',
      'active',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      'x',
    ),
    fc.jsonValue({ maxDepth: 3 }),
  )

  it(
    'either refuse with ScimError at compile time or answer a boolean for any JSON resource',
    () => {
      fc.assert(
        fc.property(userFilter, userish, (ast, resource) => {
          let predicate: ((r: Record<string, unknown>) => boolean) | undefined
          onlyScimErrors(() => {
            predicate = compileFilter(ast, users)
          }, 'invalidFilter')
          if (predicate && typeof predicate(resource) !== 'boolean') throw new Error('not a boolean')
        }),
        options,
      )
    },
    FUZZ_TIMEOUT,
  )
})
