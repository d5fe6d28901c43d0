import { describe, expect, it } from 'vitest'
import { parseAttrPath, parsePath } from '../../../src/scim/path/parse-path.js'
import { printPath } from '../../../src/scim/path/print-path.js'
import { ScimError } from '../../../src/scim/scim-error.js'

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

function errorOf(parse: () => unknown): ScimError {
  try {
    parse()
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError)
    return error as ScimError
  }
  throw new Error('parsed without error')
}

describe('parsePath', () => {
  it('reads attribute paths', () => {
    expect(parsePath('userName')).toEqual({ attr: { attribute: 'userName' } })
    expect(parsePath('name.givenName')).toEqual({ attr: { attribute: 'name', subAttribute: 'givenName' } })
    expect(parsePath(`${ENTERPRISE}:employeeNumber`)).toEqual({
      attr: { schema: ENTERPRISE, attribute: 'employeeNumber' },
    })
    expect(parsePath(`${ENTERPRISE}:manager.value`)).toEqual({
      attr: { schema: ENTERPRISE, attribute: 'manager', subAttribute: 'value' },
    })
  })

  it('reads value paths (RFC 7644 §3.5.2 and Entra)', () => {
    expect(parsePath('members[value eq "2819c223-7f76-453a-919d-413861904646"]')).toEqual({
      attr: { attribute: 'members' },
      filter: {
        kind: 'compare',
        path: { attribute: 'value' },
        op: 'eq',
        value: '2819c223-7f76-453a-919d-413861904646',
      },
    })
    expect(parsePath('emails[type eq "work"]')).toEqual({
      attr: { attribute: 'emails' },
      filter: { kind: 'compare', path: { attribute: 'type' }, op: 'eq', value: 'work' },
    })
    expect(parsePath('manager[value eq "manager-id"]').filter).toEqual({
      kind: 'compare',
      path: { attribute: 'value' },
      op: 'eq',
      value: 'manager-id',
    })
  })

  it('reads value paths with a sub-attribute', () => {
    expect(parsePath('emails[type eq "work"].value')).toEqual({
      attr: { attribute: 'emails' },
      filter: { kind: 'compare', path: { attribute: 'type' }, op: 'eq', value: 'work' },
      subAttribute: 'value',
    })
    expect(parsePath('addresses[type eq "work"].streetAddress')).toEqual({
      attr: { attribute: 'addresses' },
      filter: { kind: 'compare', path: { attribute: 'type' }, op: 'eq', value: 'work' },
      subAttribute: 'streetAddress',
    })
    expect(parsePath('emails[type eq "work" and primary eq true].display').filter).toEqual({
      kind: 'and',
      left: { kind: 'compare', path: { attribute: 'type' }, op: 'eq', value: 'work' },
      right: { kind: 'compare', path: { attribute: 'primary' }, op: 'eq', value: true },
    })
  })

  it('accepts any-case keywords, unquoted values and surrounding spaces', () => {
    expect(parsePath(' Emails[Type EQ work] ')).toEqual({
      attr: { attribute: 'Emails' },
      filter: { kind: 'compare', path: { attribute: 'Type' }, op: 'eq', value: 'work' },
    })
  })

  it('prints paths back to text that parses to the same path', () => {
    for (const text of [
      'userName',
      `${ENTERPRISE}:manager.value`,
      'members[value eq "2819c223"]',
      'emails[type eq "work"].value',
      'emails[type eq "work" and (primary eq true or display pr)]',
    ]) {
      expect(printPath(parsePath(text))).toBe(text)
    }
  })

  const errors: [string, string][] = [
    ['', 'Expected an attribute path at position 0, found the end of the path'],
    ['emails[type eq "work"', 'Expected "and", "or" or "]" at position 21 to close "emails["'],
    ['emails[type eq "work"] x', 'Expected the end of the path at position 23, found "x"'],
    [
      'emails[type equals "work"]',
      'Expected a comparison operator after "type" at position 12, found "equals"',
    ],
    [
      'emails[type eq "work"].',
      'Expected a sub-attribute name after "emails[…]." at position 23, found the end of the path',
    ],
    ['name.givenName.x', 'Expected an attribute path at position 0'],
    ['user name', 'Expected the end of the path at position 5, found "name"'],
    ['name.givenName[value eq "x"]', 'not after the sub-attribute "name.givenName"'],
  ]
  it.each(errors)('fails with invalidPath on %j', (text, message) => {
    const error = errorOf(() => parsePath(text))
    expect(error.status).toBe(400)
    expect(error.scimType).toBe('invalidPath')
    expect(error.message).toContain(message)
  })

  it('limits the length', () => {
    expect(errorOf(() => parsePath(`a${'b'.repeat(5000)}`)).message).toContain('the limit is 4096')
  })
})

describe('parseAttrPath', () => {
  it('reads the attribute names of attributes= and sortBy', () => {
    expect(parseAttrPath('userName')).toEqual({ attribute: 'userName' })
    expect(parseAttrPath('emails.value')).toEqual({ attribute: 'emails', subAttribute: 'value' })
    expect(parseAttrPath(`${ENTERPRISE}:employeeNumber`)).toEqual({
      schema: ENTERPRISE,
      attribute: 'employeeNumber',
    })
  })

  it('refuses value filters and malformed names with invalidPath', () => {
    const error = errorOf(() => parseAttrPath('emails[type eq "work"]'))
    expect(error.scimType).toBe('invalidPath')
    expect(error.message).toBe(`Expected the end of the attribute path at position 6, found '['`)
    expect(errorOf(() => parseAttrPath('-x')).message).toContain('"-x" in "-x" is not an attribute name')
  })
})
