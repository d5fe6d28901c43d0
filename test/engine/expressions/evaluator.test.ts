import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ExpressionEvaluationError, evaluateExpression } from '../../../src/engine/expressions/index.js'
import type { SourceObject } from '../../../src/engine/mapping/types.js'
import { seededRandom } from './evaluate-helper.js'
import { generatedExpr } from './expression-arbitrary.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 300)

const sourceValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.constantFrom('2021-08-24', '8/25/2021 5:41:18 PM', '129699324000000000', 'True', '&HF7'),
)

describe('evaluateExpression', () => {
  it('returns a value or throws ExpressionEvaluationError for any accepted expression and source', () => {
    const source = fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,6}$/), sourceValue, {
      maxKeys: 6,
    })
    fc.assert(
      fc.property(generatedExpr, source, (expr, values: SourceObject) => {
        const context = {
          source: values,
          now: () => new Date('2021-07-02T15:33:38Z'),
          newGuid: () => 'g',
          random: seededRandom(),
        }
        try {
          const result = evaluateExpression(expr, context)
          expect(typeof result.ignoreFlow).toBe('boolean')
        } catch (error) {
          expect(error).toBeInstanceOf(ExpressionEvaluationError)
        }
      }),
      { numRuns: RUNS },
    )
  })
})
