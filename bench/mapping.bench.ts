/**
 * Mapping benchmarks: parse Microsoft's SelectUniqueValue UPN expression, evaluate the Employee Voice and Generic
 * SCIM 2.0 user mappings over 100,000 synthetic users (target ≥ 10,000 objects/s, ten times the engine's
 * 1,000 objects/s budget, so mapping stays a small part of a cycle), and a three-clause scoping filter.
 */
import { parseExpression } from '../src/engine/expressions/index.js'
import { getTemplate } from '../src/engine/gallery/index.js'
import { evaluateMappings } from '../src/engine/mapping/index.js'
import type { SourceObject } from '../src/engine/mapping/types.js'
import { isInScope, type ScopingFilter } from '../src/engine/scoping/index.js'
import type { BenchResult } from './types.js'

const USERS = 100_000

const UPN_RULES = `SelectUniqueValue(
  Join("@", NormalizeDiacritics(StripSpaces(Join(".", [PreferredFirstName], [PreferredLastName]))), "contoso.com"),
  Join("@", NormalizeDiacritics(StripSpaces(Join(".", Mid([PreferredFirstName], 1, 1), [PreferredLastName]))), "contoso.com"),
  Join("@", NormalizeDiacritics(StripSpaces(Join(".", Mid([PreferredFirstName], 1, 2), [PreferredLastName]))), "contoso.com"))`

const SCOPE: ScopingFilter = {
  groups: [
    {
      clauses: [
        { attribute: 'country', operator: 'EQUALS', value: 'GB' },
        { attribute: 'userPrincipalName', operator: 'REGEX MATCH', value: '.*\\@contoso\\.com$' },
        { attribute: 'employeeId', operator: 'Greater_Than_OR_EQUALS', value: '1000' },
      ],
    },
  ],
}

function user(i: number): SourceObject {
  return {
    objectId: `src-${i}`,
    userPrincipalName: `user${i}@contoso.com`,
    mailNickname: `user${i}`,
    mail: `user${i}@contoso.com`,
    givenName: `Given${i}`,
    surname: `Surname${i}`,
    displayName: `Given${i} Surname${i}`,
    jobTitle: 'Engineer',
    department: `Dept ${i % 50}`,
    employeeId: String(1000 + i),
    officeLocation: 'London',
    city: 'London',
    country: 'GB',
    mobilePhone: '+44 7700 900000',
    manager: i > 0 ? `src-${i - 1}` : null,
    IsSoftDeleted: i % 100 === 0,
  }
}

function timed(fn: () => void): number {
  const start = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - start) / 1e9
}

/** Runs the mapping benchmarks. */
export async function run(): Promise<BenchResult[]> {
  const users = Array.from({ length: USERS }, (_, i) => user(i))
  const options = {
    mode: 'create' as const,
    now: () => new Date(),
    newGuid: () => 'g',
    resolveReference: (_: string, id: string) => `t-${id}`,
  }
  const results: BenchResult[] = []

  const parseRounds = 20_000
  const parseSeconds = timed(() => {
    for (let i = 0; i < parseRounds; i++) parseExpression(UPN_RULES)
  })
  results.push({
    name: 'expression: parse the SelectUniqueValue UPN rules',
    value: (parseSeconds / parseRounds) * 1e6,
    unit: 'µs',
  })

  for (const id of ['employee-voice', 'generic-scim']) {
    const { userMappings } = getTemplate(id)
    evaluateMappings(userMappings, users[1], options)
    const seconds = timed(() => {
      for (const source of users) evaluateMappings(userMappings, source, options)
    })
    const rate = USERS / seconds
    results.push({
      name: `mapping: ${id} user mappings`,
      value: Math.round(rate),
      unit: 'objects/s',
      target: '≥ 10,000',
      pass: rate >= 10_000,
    })
  }

  let inScope = 0
  const scopeSeconds = timed(() => {
    for (const source of users) if (isInScope(SCOPE, source)) inScope++
  })
  results.push({
    name: `scoping: three-clause filter (${inScope} in scope)`,
    value: (scopeSeconds / USERS) * 1e6,
    unit: 'µs',
  })
  return results
}
