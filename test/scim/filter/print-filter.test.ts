import { describe, expect, it } from 'vitest'
import type { Filter } from '../../../src/scim/filter/ast.js'
import { printAttrPath, printFilter, printFilterValue } from '../../../src/scim/filter/filter-printer.js'
import { parseFilter } from '../../../src/scim/filter/parse-filter.js'
import { ScimError } from '../../../src/scim/scim-error.js'

const a: Filter = { kind: 'present', path: { attribute: 'a' } }
const b: Filter = { kind: 'present', path: { attribute: 'b' } }
const c: Filter = { kind: 'present', path: { attribute: 'c' } }

describe('printFilter', () => {
  it('prints canonical text: lower-case operators, quoted strings, not with parentheses', () => {
    expect(printFilter(parseFilter('UserName EQ jdoe or NOT(active eq TRUE)'))).toBe(
      'UserName eq "jdoe" or not (active eq true)',
    )
    expect(printFilter(parseFilter('meta.Created gt 2015-10-10T14:38:21.8617979-07:00'))).toBe(
      'meta.Created gt "2015-10-10T14:38:21.8617979-07:00"',
    )
    expect(printFilter(parseFilter('x eq null and y ge -1.5e3'))).toBe('x eq null and y ge -1500')
  })

  it('parenthesises only where precedence needs it', () => {
    expect(printFilter({ kind: 'or', left: a, right: { kind: 'and', left: b, right: c } })).toBe(
      'a pr or b pr and c pr',
    )
    expect(printFilter({ kind: 'and', left: { kind: 'or', left: a, right: b }, right: c })).toBe(
      '(a pr or b pr) and c pr',
    )
    expect(printFilter({ kind: 'and', left: a, right: { kind: 'and', left: b, right: c } })).toBe(
      'a pr and (b pr and c pr)',
    )
    expect(printFilter({ kind: 'or', left: { kind: 'or', left: a, right: b }, right: c })).toBe(
      'a pr or b pr or c pr',
    )
    expect(printFilter({ kind: 'or', left: a, right: { kind: 'or', left: b, right: c } })).toBe(
      'a pr or (b pr or c pr)',
    )
  })

  it('prints the client form of a value filter as one value filter', () => {
    expect(printFilter(parseFilter('emails[type eq "work"].value eq "user@contoso.com"'))).toBe(
      'emails[type eq "work" and value eq "user@contoso.com"]',
    )
  })

  it('escapes strings as JSON', () => {
    const filter: Filter = {
      kind: 'compare',
      path: { attribute: 'a' },
      op: 'eq',
      value: 'say "hi"\\\n\u0001',
    }
    const text = printFilter(filter)
    expect(text).toBe('a eq "say \\"hi\\"\\\\\\n\\u0001"')
    expect(parseFilter(text)).toEqual(filter)
  })

  it('prints URN-qualified paths', () => {
    const urn = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
    expect(printAttrPath({ schema: urn, attribute: 'manager', subAttribute: 'value' })).toBe(
      `${urn}:manager.value`,
    )
  })

  it('refuses numbers JSON cannot write', () => {
    expect(() => printFilterValue(Number.NaN)).toThrow(ScimError)
    expect(() => printFilterValue(Number.POSITIVE_INFINITY)).toThrow('cannot appear in a filter')
  })
})
