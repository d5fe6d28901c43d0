import { describe, expect, it } from 'vitest'
import {
  COMMON_ATTRIBUTES,
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  USER_SCHEMA,
} from '../../../src/scim/schema/core-schemas.js'
import type { AttributeDefinition } from '../../../src/scim/schema/types.js'

function outline(attributes: readonly AttributeDefinition[]): Record<string, string[] | null> {
  return Object.fromEntries(attributes.map((a) => [a.name, a.subAttributes?.map((s) => s.name) ?? null]))
}

function find(attributes: readonly AttributeDefinition[], path: string): AttributeDefinition {
  const [name, sub] = path.split('.')
  const attribute = attributes.find((a) => a.name === name)!
  return sub ? attribute.subAttributes!.find((s) => s.name === sub)! : attribute
}

describe('core schemas (RFC 7643 §4, §8.7.1)', () => {
  it('define every User attribute and sub-attribute', () => {
    const multi = ['value', 'display', 'type', 'primary']
    expect(outline(USER_SCHEMA.attributes)).toEqual({
      userName: null,
      name: ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'],
      displayName: null,
      nickName: null,
      profileUrl: null,
      title: null,
      userType: null,
      preferredLanguage: null,
      locale: null,
      timezone: null,
      active: null,
      password: null,
      emails: multi,
      phoneNumbers: multi,
      ims: multi,
      photos: multi,
      addresses: [
        'formatted',
        'streetAddress',
        'locality',
        'region',
        'postalCode',
        'country',
        'type',
        'primary',
      ],
      groups: ['value', '$ref', 'display', 'type'],
      entitlements: multi,
      roles: multi,
      x509Certificates: multi,
    })
  })

  it('give the User attributes their RFC characteristics', () => {
    expect(find(USER_SCHEMA.attributes, 'userName')).toMatchObject({ required: true, uniqueness: 'server' })
    expect(find(USER_SCHEMA.attributes, 'password')).toMatchObject({
      mutability: 'writeOnly',
      returned: 'never',
    })
    expect(find(USER_SCHEMA.attributes, 'active').type).toBe('boolean')
    expect(find(USER_SCHEMA.attributes, 'profileUrl')).toMatchObject({
      type: 'reference',
      referenceTypes: ['external'],
    })
    expect(find(USER_SCHEMA.attributes, 'emails')).toMatchObject({ type: 'complex', multiValued: true })
    expect(find(USER_SCHEMA.attributes, 'emails.type').canonicalValues).toEqual(['work', 'home', 'other'])
    expect(find(USER_SCHEMA.attributes, 'phoneNumbers.type').canonicalValues).toEqual([
      'work',
      'home',
      'mobile',
      'fax',
      'pager',
      'other',
    ])
    expect(find(USER_SCHEMA.attributes, 'emails.primary').type).toBe('boolean')
    expect(find(USER_SCHEMA.attributes, 'photos.value')).toMatchObject({
      type: 'reference',
      referenceTypes: ['external'],
    })
    expect(find(USER_SCHEMA.attributes, 'x509Certificates.value').type).toBe('binary')
    for (const sub of ['value', '$ref', 'display', 'type']) {
      expect(find(USER_SCHEMA.attributes, `groups.${sub}`).mutability).toBe('readOnly')
    }
    expect(find(USER_SCHEMA.attributes, 'groups.$ref').referenceTypes).toEqual(['User', 'Group'])
  })

  it('define Group members with value, $ref, display and type', () => {
    expect(outline(GROUP_SCHEMA.attributes)).toEqual({
      displayName: null,
      members: ['value', '$ref', 'display', 'type'],
    })
    expect(find(GROUP_SCHEMA.attributes, 'members.value').mutability).toBe('immutable')
    expect(find(GROUP_SCHEMA.attributes, 'members.type').canonicalValues).toEqual(['User', 'Group'])
  })

  it('define the Enterprise User extension', () => {
    expect(outline(ENTERPRISE_USER_SCHEMA.attributes)).toEqual({
      employeeNumber: null,
      costCenter: null,
      organization: null,
      division: null,
      department: null,
      manager: ['value', '$ref', 'displayName'],
    })
    expect(find(ENTERPRISE_USER_SCHEMA.attributes, 'manager.displayName').mutability).toBe('readOnly')
    expect(find(ENTERPRISE_USER_SCHEMA.attributes, 'manager.$ref').referenceTypes).toEqual(['User'])
  })

  it('define id, externalId and meta as common attributes (RFC 7643 §3.1)', () => {
    expect(find(COMMON_ATTRIBUTES, 'id')).toMatchObject({
      caseExact: true,
      mutability: 'readOnly',
      returned: 'always',
    })
    expect(find(COMMON_ATTRIBUTES, 'externalId')).toMatchObject({ caseExact: true, mutability: 'readWrite' })
    expect(find(COMMON_ATTRIBUTES, 'meta').mutability).toBe('readOnly')
    expect(outline(COMMON_ATTRIBUTES).meta).toEqual([
      'resourceType',
      'created',
      'lastModified',
      'location',
      'version',
    ])
  })
})
