import { describe, expect, it } from 'vitest'
import type { SourceObject } from '../../../src/engine/mapping/types.js'
import {
  assertValidScopingFilter,
  evaluateClause,
  explainScope,
  isInScope,
  SCOPING_OPERATORS,
  type ScopingClause,
  ScopingFilterError,
  type ScopingOperator,
  validateScopingFilter,
} from '../../../src/engine/scoping/index.js'

const passes = (operator: ScopingOperator, actual: SourceObject[string], value?: string) =>
  evaluateClause({ attribute: 'attr', operator, ...(value === undefined ? {} : { value }) }, { attr: actual })
    .passed

describe('scoping clause operators', () => {
  it('EQUALS is exact and case-sensitive', () => {
    expect(passes('EQUALS', 'Sales', 'Sales')).toBe(true)
    expect(passes('EQUALS', 'sales', 'Sales')).toBe(false)
  })

  it('NOT EQUALS is case-sensitive and false on null or empty', () => {
    expect(passes('NOT EQUALS', 'sales', 'Sales')).toBe(true)
    expect(passes('NOT EQUALS', 'Sales', 'Sales')).toBe(false)
    expect(passes('NOT EQUALS', null, 'Sales')).toBe(false)
    expect(passes('NOT EQUALS', '', 'Sales')).toBe(false)
  })

  it('& holds when the value occurs in the clause string; !& when it does not', () => {
    expect(passes('&', 'Sales', 'Sales,Marketing')).toBe(true)
    expect(passes('&', 'HR', 'Sales,Marketing')).toBe(false)
    expect(passes('!&', 'HR', 'Sales,Marketing')).toBe(true)
    expect(passes('!&', 'Sales', 'Sales,Marketing')).toBe(false)
    expect(passes('!&', null, 'Sales')).toBe(false)
  })

  it('ENDS_WITH and Includes are case-sensitive', () => {
    expect(passes('ENDS_WITH', 'jo@contoso.com', '@contoso.com')).toBe(true)
    expect(passes('ENDS_WITH', 'jo@CONTOSO.com', '@contoso.com')).toBe(false)
    expect(passes('Includes', 'Engineering Team', 'ing T')).toBe(true)
    expect(passes('Includes', 'Engineering Team', 'team')).toBe(false)
    expect(passes('Includes', '', 'x')).toBe(false)
  })

  it('Greater_Than and Greater_Than_OR_EQUALS compare integers only', () => {
    expect(passes('Greater_Than', '1500000', '1000000')).toBe(true)
    expect(passes('Greater_Than', 1000000, '1000000')).toBe(false)
    expect(passes('Greater_Than_OR_EQUALS', 1000000, '1000000')).toBe(true)
    expect(passes('Greater_Than', '99', '100')).toBe(false)
    expect(passes('Greater_Than', '2.5', '1')).toBe(false)
    expect(passes('Greater_Than', 'abc', '1')).toBe(false)
    expect(passes('Greater_Than_OR_EQUALS', null, '0')).toBe(false)
  })

  it('IS TRUE and IS FALSE take booleans and "True"/"False" strings', () => {
    expect(passes('IS TRUE', true)).toBe(true)
    expect(passes('IS TRUE', 'True')).toBe(true)
    expect(passes('IS TRUE', false)).toBe(false)
    expect(passes('IS FALSE', false)).toBe(true)
    expect(passes('IS FALSE', 'False')).toBe(true)
    expect(passes('IS FALSE', null)).toBe(false)
    expect(passes('IS TRUE', 'yes')).toBe(false)
  })

  it('IS NULL and IS NOT NULL treat empty as null', () => {
    expect(passes('IS NULL', null)).toBe(true)
    expect(passes('IS NULL', '')).toBe(true)
    expect(passes('IS NULL', 'x')).toBe(false)
    expect(passes('IS NOT NULL', 'x')).toBe(true)
    expect(passes('IS NOT NULL', '')).toBe(false)
    expect(passes('IS NOT NULL', undefined)).toBe(false)
  })

  it('REGEX MATCH and NOT REGEX MATCH are case-sensitive and false on null', () => {
    expect(passes('REGEX MATCH', 'jo@domain.com', '.*\\@domain.com')).toBe(true)
    expect(passes('REGEX MATCH', 'jo@DOMAIN.com', '.*\\@domain.com')).toBe(false)
    expect(passes('REGEX MATCH', '1500000', '(1[0-9][0-9][0-9][0-9][0-9][0-9])')).toBe(true)
    expect(passes('NOT REGEX MATCH', 'jo@other.com', '.*\\@domain.com')).toBe(true)
    expect(passes('NOT REGEX MATCH', 'jo@domain.com', '.*\\@domain.com')).toBe(false)
    expect(passes('NOT REGEX MATCH', null, '.*\\@domain.com')).toBe(false)
    expect(passes('NOT REGEX MATCH', '', 'x')).toBe(false)
  })

  it('every operator but IS NULL is false on a null value', () => {
    const others = SCOPING_OPERATORS.filter((operator) => operator !== 'IS NULL')
    expect(others.filter((operator) => passes(operator, null, '1'))).toEqual([])
    expect(SCOPING_OPERATORS).toHaveLength(14)
  })

  it('does not scope on multi-valued attributes', () => {
    const outcome = evaluateClause(
      { attribute: 'proxyAddresses', operator: 'IS NOT NULL' },
      { proxyAddresses: ['a'] },
    )
    expect(outcome).toMatchObject({
      passed: false,
      reason: 'multi-valued attributes cannot be used in scoping filters',
    })
  })

  it('reads attribute names case-insensitively', () => {
    expect(
      evaluateClause({ attribute: 'Department', operator: 'EQUALS', value: 'Sales' }, { department: 'Sales' })
        .passed,
    ).toBe(true)
  })
})

describe('isInScope and explainScope', () => {
  const newYorkEngineers = {
    name: 'NY engineers',
    clauses: [
      { attribute: 'state', operator: 'EQUALS', value: 'New York' },
      { attribute: 'department', operator: 'EQUALS', value: 'Engineering' },
      { attribute: 'employeeId', operator: 'Greater_Than_OR_EQUALS', value: '1000000' },
      { attribute: 'jobTitle', operator: 'IS NOT NULL' },
    ] satisfies ScopingClause[],
  }
  const contractors = {
    clauses: [{ attribute: 'userType', operator: 'EQUALS', value: 'Contractor' }] satisfies ScopingClause[],
  }
  const filter = { groups: [newYorkEngineers, contractors] }
  const engineer = {
    state: 'New York',
    department: 'Engineering',
    employeeId: '1500000',
    jobTitle: 'Developer',
  }

  it('puts everything in scope when there are no groups', () => {
    expect(isInScope({ groups: [] }, {})).toBe(true)
  })

  it('ANDs clauses within a group and ORs groups', () => {
    expect(explainScope(filter, engineer)).toEqual({ inScope: true, matchedGroup: 0, failures: [] })
    expect(explainScope(filter, { userType: 'Contractor' })).toMatchObject({ inScope: true, matchedGroup: 1 })
    expect(isInScope(filter, { ...engineer, jobTitle: '' })).toBe(false)
  })

  it('says which clause of each group failed and why', () => {
    const explanation = explainScope(filter, { ...engineer, department: 'Sales' })
    expect(explanation.inScope).toBe(false)
    expect(explanation.failures).toEqual([
      {
        group: 0,
        name: 'NY engineers',
        clause: 1,
        failed: newYorkEngineers.clauses[1],
        outcome: { passed: false, actual: 'Sales', reason: '"Sales" does not equal "Engineering"' },
      },
      {
        group: 1,
        clause: 0,
        failed: contractors.clauses[0],
        outcome: { passed: false, actual: null, reason: 'the value is null or empty' },
      },
    ])
  })
})

describe('validateScopingFilter', () => {
  it('accepts a valid filter', () => {
    expect(
      validateScopingFilter({
        groups: [{ clauses: [{ attribute: 'mail', operator: 'REGEX MATCH', value: '.*@x\\.com$' }] }],
      }),
    ).toEqual([])
  })

  it('reports each problem with its group, clause and a typed code', () => {
    const problems = validateScopingFilter({
      groups: [
        {
          clauses: [
            { attribute: 'mail', operator: 'REGEX MATCH', value: '(unclosed' },
            { attribute: 'employeeId', operator: 'Greater_Than', value: '10.5' },
            { attribute: 'dept', operator: 'CONTAINS' as ScopingOperator, value: 'x' },
            { attribute: 'dept', operator: 'EQUALS' },
            { attribute: 'active', operator: 'IS TRUE', value: 'yes' },
            { attribute: ' ', operator: 'IS NULL' },
          ],
        },
        { clauses: [] },
      ],
    })
    expect(problems.map((p) => [p.code, p.group, p.clause])).toEqual([
      ['SCOPING_INVALID_REGEX', 0, 0],
      ['SCOPING_NOT_AN_INTEGER', 0, 1],
      ['SCOPING_UNKNOWN_OPERATOR', 0, 2],
      ['SCOPING_MISSING_VALUE', 0, 3],
      ['SCOPING_UNEXPECTED_VALUE', 0, 4],
      ['SCOPING_MISSING_ATTRIBUTE', 0, 5],
      ['SCOPING_EMPTY_GROUP', 1, undefined],
    ])
    expect(problems[1].message).toBe(
      'group 1, clause 2: Greater_Than compares integers, and "10.5" is not one',
    )
  })

  it('assertValidScopingFilter throws a ScopingFilterError carrying the problems', () => {
    const filter = {
      groups: [{ clauses: [{ attribute: 'x', operator: 'Greater_Than' as const, value: 'ten' }] }],
    }
    expect(() => assertValidScopingFilter(filter)).toThrow(ScopingFilterError)
    try {
      assertValidScopingFilter(filter)
    } catch (error) {
      expect((error as ScopingFilterError).problems).toHaveLength(1)
      expect((error as ScopingFilterError).code).toBe('SCOPING_INVALID_FILTER')
    }
  })
})
