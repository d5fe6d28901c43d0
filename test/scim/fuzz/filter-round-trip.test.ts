import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { printFilter } from '../../../src/scim/filter/filter-printer.js'
import { parseFilter } from '../../../src/scim/filter/parse-filter.js'
import { parsePath } from '../../../src/scim/path/parse-path.js'
import { printPath } from '../../../src/scim/path/print-path.js'
import { FUZZ_RUNS, FUZZ_TIMEOUT, filter, patchPath } from './filter-arbitrary.js'

describe('print then parse gives the AST back', () => {
  it(
    'filters',
    () => {
      fc.assert(
        fc.property(filter, (ast) => {
          expect(
            parseFilter(printFilter(ast), { maxLength: Number.POSITIVE_INFINITY, maxDepth: 1000 }),
          ).toEqual(ast)
        }),
        { numRuns: FUZZ_RUNS },
      )
    },
    FUZZ_TIMEOUT,
  )

  it(
    'paths',
    () => {
      fc.assert(
        fc.property(patchPath, (path) => {
          const text = printPath(path)
          fc.pre(text.length <= 4096)
          expect(parsePath(text)).toEqual(path)
        }),
        { numRuns: FUZZ_RUNS },
      )
    },
    FUZZ_TIMEOUT,
  )
})
