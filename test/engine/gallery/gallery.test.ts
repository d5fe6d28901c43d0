import { describe, expect, it } from 'vitest'
import {
  ACTIVE_EXPRESSION,
  GalleryError,
  getTemplate,
  listTemplates,
} from '../../../src/engine/gallery/index.js'
import {
  evaluateMappings,
  matchingAttributes,
  validateMappingSet,
} from '../../../src/engine/mapping/index.js'

const options = { now: () => new Date('2026-01-01T00:00:00Z'), newGuid: () => 'g' }

describe('app gallery', () => {
  it('lists the Generic SCIM 2.0 and Employee Voice templates', () => {
    expect(listTemplates().map((t) => [t.id, t.name])).toEqual([
      ['generic-scim', 'Generic SCIM 2.0'],
      ['employee-voice', 'Employee Voice'],
    ])
  })

  it('ships only mapping sets that validate', () => {
    for (const template of listTemplates()) {
      expect(validateMappingSet(template.userMappings), template.id).toEqual([])
      expect(validateMappingSet(template.groupMappings), template.id).toEqual([])
    }
  })

  it('throws a typed error listing the valid ids for an unknown template', () => {
    expect(() => getTemplate('peakon')).toThrow(GalleryError)
    expect(() => getTemplate('peakon')).toThrow(
      'Unknown app template "peakon"; valid templates: generic-scim, employee-voice',
    )
    expect(() => getTemplate('toString')).toThrow(GalleryError)
  })

  it('returns a fresh copy each time', () => {
    const first = getTemplate('generic-scim')
    first.userMappings.mappings.pop()
    expect(getTemplate('generic-scim').userMappings.mappings.length).toBe(
      first.userMappings.mappings.length + 1,
    )
  })

  it('Employee Voice: users only, Default Access excluded, assigned scope, matching on userName', () => {
    const template = getTemplate('employee-voice')
    expect(template).toMatchObject({ excludeDefaultAccess: true, defaultScope: 'assigned' })
    expect(template.groupMappings.enabled).toBe(false)
    expect(template.userMappings.mappings.find((m) => m.target === 'active')?.source).toEqual({
      type: 'expression',
      expression: ACTIVE_EXPRESSION,
    })
    expect(matchingAttributes(template.userMappings, { userPrincipalName: 'a@b.c' }, options)).toEqual([
      { target: 'userName', value: 'a@b.c', precedence: 1 },
    ])
  })

  it('Generic SCIM 2.0 maps a full user the way Entra does by default', () => {
    const { userMappings, groupMappings } = getTemplate('generic-scim')
    expect(groupMappings.enabled).toBe(true)
    const user = {
      userPrincipalName: 'ada@contoso.com',
      mailNickname: 'ada',
      mail: 'ada@contoso.com',
      givenName: 'Ada',
      surname: 'Lovelace',
      displayName: 'Ada Lovelace',
      jobTitle: 'Analyst',
      preferredLanguage: 'en-GB',
      officeLocation: 'Building 1',
      city: 'London',
      country: 'GB',
      mobilePhone: '+44 7700 900000',
      employeeId: 'E1',
      department: 'Research',
      IsSoftDeleted: false,
    }
    const { resource } = evaluateMappings(userMappings, user, { ...options, mode: 'create' })
    expect(resource).toEqual({
      schemas: [
        'urn:ietf:params:scim:schemas:core:2.0:User',
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      ],
      userName: 'ada@contoso.com',
      active: true,
      displayName: 'Ada Lovelace',
      title: 'Analyst',
      emails: [{ type: 'work', primary: true, value: 'ada@contoso.com' }],
      preferredLanguage: 'en-GB',
      name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' },
      addresses: [
        { type: 'work', primary: true, formatted: 'Building 1', locality: 'London', country: 'GB' },
      ],
      phoneNumbers: [{ type: 'mobile', primary: true, value: '+44 7700 900000' }],
      externalId: 'ada',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
        employeeNumber: 'E1',
        department: 'Research',
      },
    })
  })
})
