import { describe, expect, it } from 'vitest'
import type { Filter } from '../../../src/scim/filter/ast.js'
import { parseFilter } from '../../../src/scim/filter/parse-filter.js'
import { ScimError } from '../../../src/scim/scim-error.js'

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

const cmp = (attribute: string, op: string, value: unknown, sub?: string, schema?: string): Filter => {
  const path: Record<string, string> = { attribute }
  if (sub) path.subAttribute = sub
  if (schema) path.schema = schema
  return { kind: 'compare', path, op, value } as unknown as Filter
}
const pr = (attribute: string): Filter => ({ kind: 'present', path: { attribute } })
const and = (left: Filter, right: Filter): Filter => ({ kind: 'and', left, right })
const or = (left: Filter, right: Filter): Filter => ({ kind: 'or', left, right })
const not = (filter: Filter): Filter => ({ kind: 'not', filter })

function errorOf(text: string, options?: Parameters<typeof parseFilter>[1]): ScimError {
  try {
    parseFilter(text, options)
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError)
    return error as ScimError
  }
  throw new Error(`parsed without error: ${text}`)
}

describe('parseFilter: the RFC 7644 §3.4.2.2 examples', () => {
  const lastModified = (op: string) => cmp('meta', op, '2011-05-13T04:42:34Z', 'lastModified')
  const examples: [string, Filter][] = [
    ['userName eq "bjensen"', cmp('userName', 'eq', 'bjensen')],
    [`name.familyName co "O'Malley"`, cmp('name', 'co', "O'Malley", 'familyName')],
    ['userName sw "J"', cmp('userName', 'sw', 'J')],
    [
      'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
      cmp('userName', 'sw', 'J', undefined, 'urn:ietf:params:scim:schemas:core:2.0:User'),
    ],
    ['title pr', pr('title')],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', lastModified('gt')],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', lastModified('ge')],
    ['meta.lastModified lt "2011-05-13T04:42:34Z"', lastModified('lt')],
    ['meta.lastModified le "2011-05-13T04:42:34Z"', lastModified('le')],
    ['title pr and userType eq "Employee"', and(pr('title'), cmp('userType', 'eq', 'Employee'))],
    ['title pr or userType eq "Intern"', or(pr('title'), cmp('userType', 'eq', 'Intern'))],
    [
      'schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"',
      cmp('schemas', 'eq', ENTERPRISE),
    ],
    [
      'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      and(
        cmp('userType', 'eq', 'Employee'),
        or(cmp('emails', 'co', 'example.com'), cmp('emails', 'co', 'example.org', 'value')),
      ),
    ],
    [
      'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      and(
        cmp('userType', 'ne', 'Employee'),
        not(or(cmp('emails', 'co', 'example.com'), cmp('emails', 'co', 'example.org', 'value'))),
      ),
    ],
    [
      'userType eq "Employee" and (emails.type eq "work")',
      and(cmp('userType', 'eq', 'Employee'), cmp('emails', 'eq', 'work', 'type')),
    ],
    [
      'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
      and(cmp('userType', 'eq', 'Employee'), {
        kind: 'valuePath',
        path: { attribute: 'emails' },
        filter: and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com')),
      }),
    ],
    [
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      or(
        {
          kind: 'valuePath',
          path: { attribute: 'emails' },
          filter: and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com')),
        },
        {
          kind: 'valuePath',
          path: { attribute: 'ims' },
          filter: and(cmp('type', 'eq', 'xmpp'), cmp('value', 'co', '@foo.com')),
        },
      ),
    ],
  ]
  it.each(examples)('%s', (text, expected) => {
    expect(parseFilter(text)).toEqual(expected)
  })
})

describe('parseFilter: operators, precedence and grouping', () => {
  it('reads every comparison operator in any case', () => {
    for (const op of ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']) {
      expect(parseFilter(`title ${op.toUpperCase()} "x"`)).toEqual(cmp('title', op, 'x'))
      expect(parseFilter(`title ${op[0]}${op[1]!.toUpperCase()} "x"`)).toEqual(cmp('title', op, 'x'))
    }
    expect(parseFilter('title PR')).toEqual(pr('title'))
  })

  it('binds and tighter than or', () => {
    expect(parseFilter('a pr or b pr and c pr')).toEqual(or(pr('a'), and(pr('b'), pr('c'))))
    expect(parseFilter('a pr and b pr or c pr')).toEqual(or(and(pr('a'), pr('b')), pr('c')))
  })

  it('binds not tighter than and', () => {
    expect(parseFilter('not (a pr) and b pr')).toEqual(and(not(pr('a')), pr('b')))
    expect(parseFilter('not a pr and b pr')).toEqual(and(not(pr('a')), pr('b')))
  })

  it('is left-associative', () => {
    expect(parseFilter('a pr and b pr and c pr')).toEqual(and(and(pr('a'), pr('b')), pr('c')))
    expect(parseFilter('a pr or b pr or c pr')).toEqual(or(or(pr('a'), pr('b')), pr('c')))
  })

  it('groups with parentheses, nested and with extra spaces', () => {
    expect(parseFilter('a pr and (b pr or c pr)')).toEqual(and(pr('a'), or(pr('b'), pr('c'))))
    expect(parseFilter(' ( ( a pr ) ) ')).toEqual(pr('a'))
    expect(parseFilter('NOT(a pr)AND(b pr)')).toEqual(and(not(pr('a')), pr('b')))
  })

  it('reads keywords in any case', () => {
    expect(parseFilter('a pr AND b pr Or NoT (c pr)')).toEqual(or(and(pr('a'), pr('b')), not(pr('c'))))
  })

  it('keeps attributes named like keywords apart from the keywords', () => {
    expect(parseFilter('not eq "x"')).toEqual(cmp('not', 'eq', 'x'))
    expect(parseFilter('and pr or or pr')).toEqual(or(pr('and'), pr('or')))
  })
})

describe('parseFilter: paths', () => {
  it('reads sub-attributes and URN-qualified attributes', () => {
    expect(parseFilter('meta.lastModified pr')).toEqual({
      kind: 'present',
      path: { attribute: 'meta', subAttribute: 'lastModified' },
    })
    expect(parseFilter(`${ENTERPRISE}:employeeNumber eq "7"`)).toEqual(
      cmp('employeeNumber', 'eq', '7', undefined, ENTERPRISE),
    )
    expect(parseFilter(`${ENTERPRISE}:manager.value eq "m1"`)).toEqual(
      cmp('manager', 'eq', 'm1', 'value', ENTERPRISE),
    )
  })

  it('accepts $ref, digits, "-" and "_" in names', () => {
    expect(parseFilter('members.$ref pr')).toEqual({
      kind: 'present',
      path: { attribute: 'members', subAttribute: '$ref' },
    })
    expect(parseFilter('x-1_b eq 1')).toEqual(cmp('x-1_b', 'eq', 1))
  })

  it('keeps the spelling of names as written', () => {
    expect(parseFilter('UserName EQ "x"')).toEqual(cmp('UserName', 'eq', 'x'))
  })
})

describe('parseFilter: literals', () => {
  it('reads JSON strings with escapes', () => {
    expect(parseFilter('a eq "q\\"b\\\\s\\/n\\n\\t\\r\\b\\f\\u00e9\\uD83D\\uDE00"')).toEqual(
      cmp('a', 'eq', 'q"b\\s/n\n\t\r\b\f\u00e9😀'),
    )
    expect(parseFilter('a eq ""')).toEqual(cmp('a', 'eq', ''))
    expect(parseFilter('a eq "with (parens) and [brackets] or spaces"')).toEqual(
      cmp('a', 'eq', 'with (parens) and [brackets] or spaces'),
    )
  })

  it('reads numbers: integers, decimals, exponents, negatives', () => {
    expect(parseFilter('a eq 42')).toEqual(cmp('a', 'eq', 42))
    expect(parseFilter('a eq -3.25')).toEqual(cmp('a', 'eq', -3.25))
    expect(parseFilter('a eq 1e3')).toEqual(cmp('a', 'eq', 1000))
    expect(parseFilter('a eq 2.5E-2')).toEqual(cmp('a', 'eq', 0.025))
    expect(parseFilter('a eq 0')).toEqual(cmp('a', 'eq', 0))
  })

  it('reads true, false and null in any case', () => {
    expect(parseFilter('a eq true')).toEqual(cmp('a', 'eq', true))
    expect(parseFilter('a eq FALSE')).toEqual(cmp('a', 'eq', false))
    expect(parseFilter('a eq Null')).toEqual(cmp('a', 'eq', null))
    expect(parseFilter('a eq "true"')).toEqual(cmp('a', 'eq', 'true'))
  })

  it('keeps dateTime literals as strings', () => {
    expect(parseFilter('meta.created gt "2011-05-13T04:42:34Z"')).toEqual(
      cmp('meta', 'gt', '2011-05-13T04:42:34Z', 'created'),
    )
  })
})

describe('parseFilter: lenient forms real clients send', () => {
  it('takes an unquoted word as a string', () => {
    expect(parseFilter('userName eq jdoe')).toEqual(cmp('userName', 'eq', 'jdoe'))
    expect(parseFilter('externalId eq 5d48a0a8-e10d-4f52-9f1b-c0b3a2e0e1a7')).toEqual(
      cmp('externalId', 'eq', '5d48a0a8-e10d-4f52-9f1b-c0b3a2e0e1a7'),
    )
    expect(parseFilter('id eq 54D382A4-4A1B-46A6-A1F6-8E8C4B3E3C1A')).toEqual(
      cmp('id', 'eq', '54D382A4-4A1B-46A6-A1F6-8E8C4B3E3C1A'),
    )
    expect(parseFilter('id eq 007')).toEqual(cmp('id', 'eq', '007'))
    expect(parseFilter('id eq 12e')).toEqual(cmp('id', 'eq', '12e'))
  })

  it('reads the filters of Microsoft’s SCIM Postman collection', () => {
    expect(parseFilter('DisplayName eq "BobIsAmazing"')).toEqual(cmp('DisplayName', 'eq', 'BobIsAmazing'))
    expect(parseFilter('meta.Created gt 2015-10-10T14:38:21.8617979-07:00')).toEqual(
      cmp('meta', 'gt', '2015-10-10T14:38:21.8617979-07:00', 'Created'),
    )
    expect(
      parseFilter(
        'name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)',
      ),
    ).toEqual(
      and(
        cmp('name', 'eq', 'Employee', 'FamilyName'),
        or(cmp('emails', 'co', 'example.com', 'Value'), cmp('emails', 'co', 'example.org', 'Value')),
      ),
    )
    expect(parseFilter('userName sw O')).toEqual(cmp('userName', 'sw', 'O'))
  })

  it('ends an unquoted value at a parenthesis or bracket', () => {
    expect(parseFilter('(userName eq jdoe)')).toEqual(cmp('userName', 'eq', 'jdoe'))
    expect(parseFilter('emails[type eq work]')).toEqual({
      kind: 'valuePath',
      path: { attribute: 'emails' },
      filter: cmp('type', 'eq', 'work'),
    })
  })
})

describe('parseFilter: every filter shape Entra sends (entra-client-behavior.md §2)', () => {
  it('userName, externalId, displayName queries', () => {
    expect(parseFilter('userName eq "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee"')).toEqual(
      cmp('userName', 'eq', 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee'),
    )
    expect(parseFilter('userName eq "cf4d78e8-cc4f-4d5d-b8b9-183561c0104a"')).toEqual(
      cmp('userName', 'eq', 'cf4d78e8-cc4f-4d5d-b8b9-183561c0104a'),
    )
    expect(parseFilter('externalId eq jyoung')).toEqual(cmp('externalId', 'eq', 'jyoung'))
    expect(parseFilter('externalId eq "johnwong"')).toEqual(cmp('externalId', 'eq', 'johnwong'))
    expect(parseFilter('displayName eq "displayName"')).toEqual(cmp('displayName', 'eq', 'displayName'))
    expect(parseFilter('userName eq "user@contoso.com"')).toEqual(cmp('userName', 'eq', 'user@contoso.com'))
  })

  it('the manager check: id and manager, unquoted GUIDs, any-case ID', () => {
    const text =
      'id eq 54D382A4-4A1B-46A6-A1F6-8E8C4B3E3C1A and manager eq 2819c223-7f76-453a-919d-413861904646'
    expect(parseFilter(text)).toEqual(
      and(
        cmp('id', 'eq', '54D382A4-4A1B-46A6-A1F6-8E8C4B3E3C1A'),
        cmp('manager', 'eq', '2819c223-7f76-453a-919d-413861904646'),
      ),
    )
    expect(parseFilter('ID eq "54D382A4"')).toEqual(cmp('ID', 'eq', '54D382A4'))
  })

  it('the work-email form with a sub-attribute after the value filter', () => {
    expect(parseFilter('emails[type eq "work"].value eq "user@contoso.com"')).toEqual({
      kind: 'valuePath',
      path: { attribute: 'emails' },
      filter: and(cmp('type', 'eq', 'work'), cmp('value', 'eq', 'user@contoso.com')),
    })
    expect(parseFilter('emails[type eq "work"]')).toEqual({
      kind: 'valuePath',
      path: { attribute: 'emails' },
      filter: cmp('type', 'eq', 'work'),
    })
  })
})

describe('parseFilter: errors say where and what was expected', () => {
  const cases: [string, string][] = [
    ['userName equals "x"', 'Expected a comparison operator after "userName" at position 9, found "equals"'],
    [
      'userName',
      'Expected a comparison operator after "userName" at position 8, found the end of the filter',
    ],
    ['userName eq', 'Expected a value after "userName eq" at position 11, found the end of the filter'],
    ['userName eq )', `Expected a value after "userName eq" at position 12, found ')'`],
    ['', 'Expected an attribute path, "not" or "(" at position 0, found the end of the filter'],
    ['a pr and', 'Expected an attribute path, "not" or "(" at position 8, found the end of the filter'],
    ['(a pr', 'Expected "and", "or" or ")" at position 5 to close the "(" at position 0'],
    ['a pr)', `Expected "and", "or" or the end of the filter at position 4, found ')'`],
    ['a eq "x" b eq "y"', 'Expected "and", "or" or the end of the filter at position 9, found "b"'],
    ['displayName eq John Smith', 'at position 20, found "Smith"'],
    ['emails[type eq "work"', 'Expected "and", "or" or "]" at position 21 to close "emails["'],
    ['a eq "open', 'Unterminated string starting at position 5'],
    ['a eq "x\\q"', 'Invalid escape "\\q" at position 7'],
    ['a eq "\\u12G4"', 'Invalid \\u escape at position 6'],
    ['a eq 1e999', 'The number 1e999 at position 5 is out of range'],
    ['1abc eq "x"', 'Expected an attribute path at position 0: "1abc"'],
    ['name.given.family eq "x"', 'Expected an attribute path at position 0: "given.family"'],
    ['urn:x:y: eq "x"', 'no attribute name after the schema URI'],
    [
      'emails[type eq "work"].1 eq "x"',
      'Expected a sub-attribute name after "emails[…]." at position 23, found "1"',
    ],
    ['emails[members[value eq "x"]]', 'Value filters cannot be nested'],
    [`emails[${ENTERPRISE}:x eq "y"]`, 'Expected a sub-attribute name inside "[…]" at position 7'],
    ['name.givenName[value eq "x"]', 'not after the sub-attribute "name.givenName"'],
  ]
  it.each(cases)('%s', (text, message) => {
    const error = errorOf(text)
    expect(error.status).toBe(400)
    expect(error.scimType).toBe('invalidFilter')
    expect(error.message).toContain(message)
  })

  it('limits the length', () => {
    const long = `userName eq "${'x'.repeat(5000)}"`
    expect(errorOf(long).message).toBe(`The filter is ${long.length} characters long; the limit is 4096`)
    expect(errorOf('userName eq "xyz"', { maxLength: 10 }).message).toContain('the limit is 10')
    expect(parseFilter(long, { maxLength: 10_000 })).toEqual(cmp('userName', 'eq', 'x'.repeat(5000)))
  })

  it('limits the nesting depth of parentheses, not and value filters', () => {
    const nested = (n: number) => `${'('.repeat(n)}a pr${')'.repeat(n)}`
    expect(parseFilter(nested(32))).toEqual(pr('a'))
    const error = errorOf(nested(33))
    expect(error.scimType).toBe('invalidFilter')
    expect(error.message).toBe(
      'The filter nests deeper than 32 levels (parentheses, "not", "[…]") at position 32',
    )
    expect(errorOf(`${'not '.repeat(5)}a pr`, { maxDepth: 4 }).message).toContain('deeper than 4 levels')
    expect(errorOf('emails[type pr]', { maxDepth: 0 }).message).toContain('deeper than 0 levels')
    expect(errorOf(nested(100_000), { maxLength: 1_000_000 }).message).toContain('deeper than 32 levels')
  })
})
