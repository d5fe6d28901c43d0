import { evaluateExpression, parseExpression } from '../../../src/engine/expressions/index.js'
import type { SourceObject } from '../../../src/engine/mapping/types.js'

/** A fixed clock for Now(): 7/2/2021 3:33:38 PM UTC, the value Microsoft's Now() example shows. */
export const NOW = new Date('2021-07-02T15:33:38Z')

/** A deterministic random source (a linear congruential generator) for RandomString. */
export function seededRandom(seed = 42): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    return state / 2_147_483_648
  }
}

/** Parses and evaluates an expression against a source object with a fixed clock, GUID and random source. */
export function run(text: string, source: SourceObject = {}) {
  return evaluateExpression(parseExpression(text), {
    source,
    now: () => NOW,
    newGuid: () => '00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
    random: seededRandom(),
  })
}

/** The value of an expression evaluated with {@link run}. */
export function value(text: string, source: SourceObject = {}) {
  return run(text, source).value
}
