/**
 * Filter benchmarks: parse `userName eq "x"` (target < 5 µs), parse a 10-clause filter (target < 50 µs), and
 * evaluate a typical Entra filter against a User, compiled once and through evaluateFilter.
 */
import { compileFilter, evaluateFilter } from '../src/scim/filter/compile-filter.js'
import { parseFilter } from '../src/scim/filter/parse-filter.js'
import { createDefaultRegistry } from '../src/scim/schema/schema-registry.js'
import type { BenchResult } from './types.js'

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

const TEN_CLAUSES =
  'userName eq "bjensen" and name.familyName co "jen" or emails[type eq "work" and value sw "b"] and ' +
  'meta.lastModified gt "2011-05-13T04:42:34Z" and active eq true and title pr or externalId eq "x" and ' +
  `not (displayName ew "z") and ${ENTERPRISE}:employeeNumber eq "701984"`

const USER = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
  userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
  active: true,
  displayName: 'Barbara Jensen',
  name: { formatted: 'Barbara Jensen', familyName: 'Jensen', givenName: 'Barbara' },
  emails: [
    { primary: false, type: 'home', value: 'babs@jensen.org' },
    { primary: true, type: 'work', value: 'bjensen@example.com' },
  ],
  meta: { resourceType: 'User', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z' },
  [ENTERPRISE]: { employeeNumber: '701984', manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' } },
}

/** Microseconds per call of `fn`, the best of five timed rounds after a warm-up. */
function microsPerOp(fn: () => unknown, iterations: number): number {
  for (let i = 0; i < iterations; i++) fn()
  let best = Number.POSITIVE_INFINITY
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < iterations; i++) fn()
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1000 / iterations)
  }
  return best
}

function result(name: string, value: number, target?: number): BenchResult {
  const r: BenchResult = { name, value, unit: 'µs/op' }
  if (target !== undefined) {
    r.target = `< ${target} µs`
    r.pass = value < target
  }
  return r
}

/** Measures filter parse and evaluate. */
export async function run(): Promise<BenchResult[]> {
  const users = createDefaultRegistry().resourceSchema('User')
  const entra = 'emails[type eq "work"].value eq "bjensen@example.com" and active eq true'
  const entraFilter = parseFilter(entra)
  const predicate = compileFilter(entraFilter, users)
  const tenFilter = parseFilter(TEN_CLAUSES)
  const tenPredicate = compileFilter(tenFilter, users)
  if (!predicate(USER)) throw new Error('the benchmark filter should match the benchmark user')
  return [
    result(
      'parse `userName eq "x"`',
      microsPerOp(() => parseFilter('userName eq "x"'), 200_000),
      5,
    ),
    result(
      'parse a 10-clause filter',
      microsPerOp(() => parseFilter(TEN_CLAUSES), 20_000),
      50,
    ),
    result(
      'evaluate an Entra work-email filter on a User (compiled)',
      microsPerOp(() => predicate(USER), 200_000),
    ),
    result(
      'evaluate a 10-clause filter on a User (compiled)',
      microsPerOp(() => tenPredicate(USER), 100_000),
    ),
    result(
      'evaluateFilter (cached compile) on a User',
      microsPerOp(() => evaluateFilter(entraFilter, USER, users), 200_000),
    ),
    result(
      'compile an Entra filter against the User schema',
      microsPerOp(() => compileFilter(entraFilter, users), 50_000),
    ),
  ]
}
