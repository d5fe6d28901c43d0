import { describe, expect, it } from 'vitest'
import { compileFilter, compileValueFilter, evaluateFilter } from '../../../src/scim/filter/compile-filter.js'
import { parseFilter } from '../../../src/scim/filter/parse-filter.js'
import { attribute } from '../../../src/scim/schema/attribute-builder.js'
import { createDefaultRegistry } from '../../../src/scim/schema/schema-registry.js'
import type { ScimResource } from '../../../src/scim/schema/types.js'
import { ScimError } from '../../../src/scim/scim-error.js'

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User'

const registry = createDefaultRegistry()
registry.registerSchema({
  id: CUSTOM,
  name: 'AcmeUser',
  description: 'Test extension with numbers and a case-exact code',
  attributes: [
    attribute('level', 'An integer', { type: 'integer' }),
    attribute('score', 'A decimal', { type: 'decimal' }),
    attribute('code', 'A case-exact string', { caseExact: true }),
    attribute('tags', 'Multi-valued strings', { multiValued: true }),
  ],
})
registry.addSchemaExtension('User', CUSTOM, false)
const users = registry.resourceSchema('User')
const groups = registry.resourceSchema('Group')

const bjensen: ScimResource = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: 'BJensen-Ext',
  userName: 'bjensen@example.com',
  name: { familyName: "O'Malley", givenName: 'Barbara' },
  title: 'Tour Guide',
  userType: 'Employee',
  active: true,
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  meta: {
    resourceType: 'User',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T04:42:34.1234567Z',
  },
  [ENTERPRISE]: { employeeNumber: '701984', manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' } },
  [CUSTOM]: { level: 7, score: 2.5, code: 'AbC', tags: ['red', 'Blue'] },
}

const matches = (filter: string, resource: ScimResource = bjensen) =>
  evaluateFilter(parseFilter(filter), resource, users)

function invalidFilter(filter: string): ScimError {
  try {
    compileFilter(parseFilter(filter), users)
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError)
    expect((error as ScimError).scimType).toBe('invalidFilter')
    expect((error as ScimError).status).toBe(400)
    return error as ScimError
  }
  throw new Error(`compiled without error: ${filter}`)
}

describe('evaluateFilter: strings and caseExact', () => {
  it('compares case-insensitively unless the attribute is caseExact', () => {
    expect(matches('userName eq "BJENSEN@example.com"')).toBe(true)
    expect(matches('externalId eq "BJensen-Ext"')).toBe(true)
    expect(matches('externalId eq "bjensen-ext"')).toBe(false)
    expect(matches('id eq "2819C223-7F76-453A-919D-413861904646"')).toBe(false)
    expect(matches(`${CUSTOM}:code eq "AbC"`)).toBe(true)
    expect(matches(`${CUSTOM}:code eq "abc"`)).toBe(false)
  })

  it('applies co, sw, ew and the orderings', () => {
    expect(matches(`name.familyName co "'mal"`)).toBe(true)
    expect(matches('userName sw "BJ"')).toBe(true)
    expect(matches('userName ew "EXAMPLE.COM"')).toBe(true)
    expect(matches('userName sw "example"')).toBe(false)
    expect(matches('title gt "tour"')).toBe(true)
    expect(matches('title lt "Tour Guide"')).toBe(false)
    expect(matches('title le "TOUR GUIDE"')).toBe(true)
    expect(matches('title ge "u"')).toBe(false)
  })

  it('ignores the case of attribute names in the filter and in the resource', () => {
    expect(matches('USERNAME eq "bjensen@example.com"')).toBe(true)
    expect(matches('username eq "x"', { UserName: 'X' })).toBe(true)
    expect(matches('NAME.GIVENNAME eq "barbara"')).toBe(true)
    expect(
      matches('employeeNumber eq "701984"', { [ENTERPRISE.toUpperCase()]: { EmployeeNumber: '701984' } }),
    ).toBe(true)
  })
})

describe('evaluateFilter: the RFC 7644 §3.4.2.2 examples against a User', () => {
  it.each([
    ['userName eq "bjensen@example.com"', true],
    [`name.familyName co "O'Malley"`, true],
    ['userName sw "J"', false],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "b"', true],
    ['title pr', true],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', true],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', true],
    ['meta.lastModified lt "2011-05-13T04:42:34Z"', false],
    ['meta.lastModified le "2011-05-13T04:42:34Z"', false],
    ['title pr and userType eq "Employee"', true],
    ['title pr or userType eq "Intern"', true],
    ['schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"', true],
    ['userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")', true],
    ['userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")', false],
    ['userType eq "Employee" and (emails.type eq "work")', true],
    ['userType eq "Employee" and emails[type eq "work" and value co "@example.com"]', true],
    [
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      true,
    ],
  ])('%s → %s', (filter, expected) => {
    expect(matches(filter)).toBe(expected)
  })
})

describe('evaluateFilter: multi-valued and complex attributes', () => {
  it('matches when any value matches', () => {
    expect(matches('emails.type eq "home"')).toBe(true)
    expect(matches('emails.value ew "jensen.org"')).toBe(true)
    expect(matches('emails.type eq "other"')).toBe(false)
    expect(matches(`${CUSTOM}:tags eq "blue"`)).toBe(true)
  })

  it('compares the value sub-attribute of a complex attribute given without one', () => {
    expect(matches('emails co "jensen.org"')).toBe(true)
    expect(matches('emails eq "babs@jensen.org"')).toBe(true)
    expect(matches('manager eq "26118915-6090-4610-87e4-49d8ca9f808d"')).toBe(true)
  })

  it('requires all conditions of a value filter on the same value', () => {
    expect(matches('emails[type eq "work" and primary eq true]')).toBe(true)
    expect(matches('emails[type eq "home" and primary eq true]')).toBe(false)
    expect(matches('emails.type eq "home" and emails.primary eq true')).toBe(true)
    expect(matches('emails[not (type eq "work")]')).toBe(true)
    expect(matches('name[givenName sw "bar"]')).toBe(true)
    expect(matches(`${CUSTOM}:tags[value eq "BLUE"]`)).toBe(true)
    expect(matches(`${CUSTOM}:tags[value eq "green" or value sw "r"]`)).toBe(true)
    expect(matches(`${CUSTOM}:tags[value eq "green"]`)).toBe(false)
  })

  it('the Entra work-email query matches the work email only', () => {
    expect(matches('emails[type eq "work"].value eq "bjensen@example.com"')).toBe(true)
    expect(matches('emails[type eq "work"].value eq "babs@jensen.org"')).toBe(false)
    expect(matches('emails[type eq "work"]', { emails: [{ value: 'a@b.c' }] })).toBe(false)
  })

  it('ne is "not eq": false when any value equals, true when none does or the attribute is absent', () => {
    expect(matches('emails.type ne "work"')).toBe(false)
    expect(matches('emails.type ne "other"')).toBe(true)
    expect(matches('nickName ne "Babs"')).toBe(true)
    expect(matches('title ne "Tour Guide"')).toBe(false)
  })
})

describe('evaluateFilter: pr and null', () => {
  it('pr means non-null, non-empty', () => {
    expect(matches('title pr')).toBe(true)
    expect(matches('nickName pr')).toBe(false)
    expect(matches('nickName pr', { nickName: '' })).toBe(false)
    expect(matches('nickName pr', { nickName: null })).toBe(false)
    expect(matches('emails pr', { emails: [] })).toBe(false)
    expect(matches('emails pr')).toBe(true)
    expect(matches('name pr', { name: {} })).toBe(false)
    expect(matches('name pr', { name: { givenName: null } })).toBe(false)
    expect(matches('emails.primary pr')).toBe(true)
    expect(matches('active pr', { active: false })).toBe(true)
  })

  it('eq null means absent, ne null present', () => {
    expect(matches('nickName eq null')).toBe(true)
    expect(matches('title eq null')).toBe(false)
    expect(matches('title ne null')).toBe(true)
    expect(invalidFilter('title gt null').message).toBe(
      'The operator "gt" on "title" needs a value, not null',
    )
  })
})

describe('evaluateFilter: types', () => {
  it('compares dateTimes as instants, offsets and fractions included', () => {
    expect(matches('meta.created eq "2010-01-22T20:56:22-08:00"')).toBe(true)
    expect(matches('meta.lastModified gt "2011-05-13T04:42:34.123456Z"')).toBe(true)
    expect(matches('meta.lastModified lt "2011-05-13T04:42:34.1234568Z"')).toBe(true)
    expect(matches('meta.Created gt 2009-10-10T14:38:21.8617979-07:00')).toBe(true)
    expect(matches('meta.created sw "2010-01"')).toBe(true)
    expect(matches('meta.created gt "2000-01-01T00:00:00Z"', { meta: { created: 'garbage' } })).toBe(false)
    expect(invalidFilter('meta.created gt "last week"').message).toBe(
      '"meta.created" is a dateTime: expected a value such as "2011-05-13T04:42:34Z", found "last week"',
    )
  })

  it('compares numbers numerically', () => {
    expect(matches('level gt 10', { [CUSTOM]: { level: 9 } })).toBe(false)
    expect(matches('level lt 10', { [CUSTOM]: { level: 9 } })).toBe(true)
    expect(matches(`${CUSTOM}:level eq 7`)).toBe(true)
    expect(matches('score ge 2.5')).toBe(true)
    expect(matches('score eq "2.50"')).toBe(true)
    expect(matches('score le 2.4999')).toBe(false)
    expect(invalidFilter('level co 1').message).toBe(
      'The operator "co" applies to strings; "level" is a number',
    )
    expect(invalidFilter('level eq "seven"').message).toBe(
      '"level" is a number: expected a number, found "seven"',
    )
  })

  it('compares booleans with eq and ne, accepting "True"/"False" strings', () => {
    expect(matches('active eq true')).toBe(true)
    expect(matches('active eq false')).toBe(false)
    expect(matches('active ne false')).toBe(true)
    expect(matches('active eq "True"')).toBe(true)
    expect(matches('active eq false', { active: 'False' })).toBe(true)
    expect(invalidFilter('active gt true').message).toBe(
      'The operator "gt" does not apply to the boolean attribute "active"; use eq or ne',
    )
    expect(invalidFilter('active eq 1').message).toBe(
      '"active" is a boolean: expected true or false, found 1',
    )
  })

  it('compares a number or boolean against a string attribute as its text (unquoted values)', () => {
    expect(matches('externalId eq 12345', { externalId: '12345' })).toBe(true)
    expect(matches(`${ENTERPRISE}:employeeNumber eq 701984`)).toBe(true)
  })

  it('refuses orderings on binary and comparisons of complex attributes without a value', () => {
    expect(invalidFilter('x509Certificates.value gt "AA=="').message).toContain(
      'The operator "gt" does not apply to the binary attribute',
    )
    expect(invalidFilter('name eq "Barbara"').message).toBe(
      '"name" is complex: compare a sub-attribute such as "name.formatted"',
    )
  })
})

describe('evaluateFilter: extensions, unknown attributes, not', () => {
  it('reads extension attributes under their URN, qualified or not', () => {
    expect(matches(`${ENTERPRISE}:employeeNumber eq "701984"`)).toBe(true)
    expect(matches('employeeNumber eq "701984"')).toBe(true)
    expect(matches(`${ENTERPRISE}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`)).toBe(true)
    expect(matches('employeeNumber eq "701984"', { employeeNumber: '701984' })).toBe(false)
  })

  it('reads a bare-string manager as its value (the form Entra sends)', () => {
    const resource = { [ENTERPRISE]: { manager: '2c2f6fb8' } }
    expect(matches('manager eq "2c2f6fb8"', resource)).toBe(true)
    expect(matches('manager.value eq "2c2f6fb8"', resource)).toBe(true)
    expect(matches('manager[value eq "2c2f6fb8"]', resource)).toBe(true)
  })

  it('the Entra manager check', () => {
    const filter = parseFilter(
      'id eq 2819c223-7f76-453a-919d-413861904646 and manager eq 26118915-6090-4610-87e4-49d8ca9f808d',
    )
    expect(evaluateFilter(filter, bjensen, users)).toBe(true)
    expect(evaluateFilter(filter, { ...bjensen, id: 'other' }, users)).toBe(false)
  })

  it('treats unknown attributes as absent, without an error', () => {
    expect(matches('favouriteColour eq "blue"', { favouriteColour: 'blue' })).toBe(false)
    expect(matches('favouriteColour ne "blue"')).toBe(true)
    expect(matches('favouriteColour pr', { favouriteColour: 'blue' })).toBe(false)
    expect(matches('name.nickname eq "x"')).toBe(false)
    expect(matches('hobbies[type eq "x"]')).toBe(false)
    expect(matches('emails[colour eq "x"]')).toBe(false)
    expect(matches(`urn:example:unknown:employeeNumber eq "701984"`)).toBe(false)
  })

  it('negates with not', () => {
    expect(matches('not (userName eq "bjensen@example.com")')).toBe(false)
    expect(matches('not (nickName pr)')).toBe(true)
    expect(matches('not not (title pr)')).toBe(true)
  })

  it('evaluates Group filters against the Group schema', () => {
    const group = { displayName: 'Sales', members: [{ value: 'u1' }, { value: 'u2', type: 'User' }] }
    expect(evaluateFilter(parseFilter('displayName eq "sales"'), group, groups)).toBe(true)
    expect(evaluateFilter(parseFilter('members[value eq "u2"]'), group, groups)).toBe(true)
    expect(evaluateFilter(parseFilter('members.value eq "u3"'), group, groups)).toBe(false)
  })

  it('uses the schema it is given, also for a filter evaluated before against another', () => {
    const filter = parseFilter('members[value eq "u1"]')
    const resource = { displayName: 'Sales', members: [{ value: 'u1' }] }
    expect(evaluateFilter(filter, resource, groups)).toBe(true)
    expect(evaluateFilter(filter, resource, users)).toBe(false)
    expect(evaluateFilter(filter, resource, groups)).toBe(true)
  })
})

describe('compileFilter and compileValueFilter', () => {
  it('compile once, evaluate many resources', () => {
    const predicate = compileFilter(parseFilter('userName sw "a" and active eq true'), users)
    const rows = [
      { userName: 'alice', active: true },
      { userName: 'Arthur', active: 'True' },
      { userName: 'bob', active: true },
      { userName: 'anna', active: false },
    ]
    expect(rows.filter(predicate).map((r) => r.userName)).toEqual(['alice', 'Arthur'])
  })

  it('tests single values of a value path, for PATCH', () => {
    const filter = parseFilter('type eq "work" and primary eq true')
    const isPrimaryWork = compileValueFilter({ attribute: 'emails' }, filter, users)
    expect(isPrimaryWork({ type: 'Work', primary: true })).toBe(true)
    expect(isPrimaryWork({ type: 'work' })).toBe(false)
    expect(isPrimaryWork(null)).toBe(false)
    expect(compileValueFilter({ attribute: 'unknown' }, filter, users)({ type: 'work', primary: true })).toBe(
      false,
    )
    expect(() => compileValueFilter({ attribute: 'emails' }, parseFilter('primary gt true'), users)).toThrow(
      ScimError,
    )
  })
})
