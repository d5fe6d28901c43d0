import { describe, expect, it } from 'vitest'
import { getTemplate } from '../../../src/engine/gallery/index.js'
import {
  type AttributeMapping,
  type EvaluateOptions,
  evaluateMappings,
  MappingError,
  type MappingSet,
  matchingAttributes,
} from '../../../src/engine/mapping/index.js'

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const PEAKON = 'urn:ietf:params:scim:schemas:extension:peakon:2.0:User'

const ada = {
  objectId: 'src-ada',
  userPrincipalName: 'ada@contoso.com',
  mail: 'ada.lovelace@contoso.com',
  givenName: 'Ada',
  surname: 'Lovelace',
  displayName: 'Ada Lovelace',
  jobTitle: 'Analyst',
  department: 'Research',
  employeeId: 'E100',
  officeLocation: 'London',
  manager: 'src-charles',
  IsSoftDeleted: false,
  appRoleAssignments: [{ roleId: 'r1', roleName: 'User', roleValue: 'User' }],
}

const options = (mode: 'create' | 'update', extra: Partial<EvaluateOptions> = {}): EvaluateOptions => ({
  mode,
  now: () => new Date('2026-01-02T03:04:05Z'),
  newGuid: () => 'guid-1',
  ...extra,
})

function set(mappings: AttributeMapping[], objectType: 'user' | 'group' = 'user'): MappingSet {
  return { objectType, enabled: true, mappings, scoping: { groups: [] } }
}

describe('evaluateMappings with the Employee Voice template', () => {
  const { userMappings } = getTemplate('employee-voice')

  it('builds the exact SCIM user, leaving the unresolved manager for the second pass', () => {
    const { resource, attributes } = evaluateMappings(userMappings, ada, options('create'))
    expect(resource).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE, PEAKON],
      userName: 'ada@contoso.com',
      active: true,
      emails: [{ type: 'work', primary: true, value: 'ada.lovelace@contoso.com' }],
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      [ENTERPRISE]: { employeeNumber: 'E100' },
      [PEAKON]: { Department: 'Research', Title: 'Analyst', Location: 'London' },
    })
    expect(attributes.find((a) => a.target === `${ENTERPRISE}:manager`)).toEqual({
      target: `${ENTERPRISE}:manager`,
      value: 'src-charles',
      reference: 'user',
    })
  })

  it('puts the resolved manager id in the resource and sends soft-deleted users inactive', () => {
    const resolveReference = (kind: string, id: string) =>
      kind === 'user' && id === 'src-charles' ? 'tgt-charles' : undefined
    const { resource } = evaluateMappings(
      userMappings,
      { ...ada, IsSoftDeleted: true },
      options('update', { resolveReference }),
    )
    expect(resource[ENTERPRISE]).toEqual({ employeeNumber: 'E100', manager: { value: 'tgt-charles' } })
    expect(resource.active).toBe(false)
  })

  it('never provisions nulls: a user without mail, department or manager has no such attributes', () => {
    const { mail: _mail, department: _department, manager: _manager, ...bare } = ada
    const { resource, attributes } = evaluateMappings(userMappings, bare, options('create'))
    expect(resource.emails).toBeUndefined()
    expect(resource[PEAKON]).toEqual({ Title: 'Analyst', Location: 'London' })
    expect(attributes.map((a) => a.target)).not.toContain(`${ENTERPRISE}:manager`)
  })
})

describe('evaluateMappings rules', () => {
  const mappings: AttributeMapping[] = [
    { target: 'userName', source: { type: 'direct', attribute: 'userPrincipalName' }, apply: 'always' },
    {
      target: 'title',
      source: { type: 'direct', attribute: 'jobTitle' },
      apply: 'always',
      defaultValue: 'Employee',
    },
    { target: 'externalId', source: { type: 'expression', expression: 'Guid()' }, apply: 'createOnly' },
    { target: 'nickName', source: { type: 'none' }, apply: 'always' },
    { target: 'locale', source: { type: 'none' }, apply: 'always', defaultValue: 'en-US' },
    { target: 'userType', source: { type: 'constant', value: 'Employee' }, apply: 'always' },
    {
      target: 'displayName',
      source: { type: 'expression', expression: 'IgnoreFlowIfNullOrEmpty([displayName])' },
      apply: 'always',
    },
  ]

  it('applies default values and create-only mappings on create', () => {
    const { resource } = evaluateMappings(
      set(mappings),
      { userPrincipalName: 'x@y.z', jobTitle: null },
      options('create'),
    )
    expect(resource).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'x@y.z',
      title: 'Employee',
      externalId: 'guid-1',
      locale: 'en-US',
      userType: 'Employee',
    })
  })

  it('skips default values, create-only and None mappings on update', () => {
    const { resource } = evaluateMappings(
      set(mappings),
      { userPrincipalName: 'x@y.z', displayName: 'X' },
      options('update'),
    )
    expect(resource).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'x@y.z',
      userType: 'Employee',
      displayName: 'X',
    })
  })

  it('drops attributes IgnoreFlowIfNullOrEmpty flags, even when a default value exists', () => {
    const withDefault: AttributeMapping = { ...mappings[6], defaultValue: 'Unknown' }
    const { attributes } = evaluateMappings(set([withDefault]), { displayName: '' }, options('create'))
    expect(attributes).toEqual([])
  })

  it('coerces values to the target type and keeps Redact and SelectUniqueValue information', () => {
    const typed = set([
      { target: 'urn:x:2.0:User:level', source: { type: 'direct', attribute: 'level' }, apply: 'always' },
      { target: 'flag', source: { type: 'expression', expression: 'IsPresent([level])' }, apply: 'always' },
      {
        target: 'password',
        source: { type: 'expression', expression: 'Redact("secret")' },
        apply: 'createOnly',
      },
      {
        target: 'userName',
        source: {
          type: 'expression',
          expression: 'SelectUniqueValue(Join("@", [givenName], "x.com"), Join("@", [surname], "x.com"))',
        },
        apply: 'createOnly',
      },
    ])
    const targetType = (target: string) =>
      target.endsWith(':level') ? 'integer' : target === 'flag' ? 'string' : undefined
    const { resource, attributes } = evaluateMappings(
      typed,
      { level: '7', givenName: 'ada', surname: 'byron' },
      options('create', { targetType }),
    )
    expect(resource['urn:x:2.0:User']).toEqual({ level: 7 })
    expect(resource.flag).toBe('True')
    expect(attributes[2]).toEqual({ target: 'password', value: 'secret', redacted: true })
    expect(attributes[3]).toEqual({
      target: 'userName',
      value: 'ada@x.com',
      candidates: ['ada@x.com', 'byron@x.com'],
    })
  })

  it('marks role mappings add-only or replace', () => {
    const roles = set([
      {
        target: 'roles',
        source: { type: 'expression', expression: 'AppRoleAssignmentsComplex([appRoleAssignments])' },
        apply: 'always',
      },
      {
        target: 'roles[primary eq "True"].value',
        source: { type: 'expression', expression: 'SingleAppRoleAssignment([appRoleAssignments])' },
        apply: 'always',
      },
    ])
    const { resource, attributes } = evaluateMappings(roles, ada, options('create'))
    expect(attributes[0].rolesMode).toBe('add')
    expect(resource.roles).toEqual([
      { primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'User', value: 'User' },
      { primary: true, value: 'User' },
    ])
  })

  it('builds group members from resolved references only', () => {
    const { groupMappings } = getTemplate('generic-scim')
    const group = { objectId: 'g1', displayName: 'Team', members: ['u1', 'u2', 'u3'] }
    const resolveReference = (_kind: string, id: string) => (id === 'u2' ? undefined : `t-${id}`)
    const { resource, attributes } = evaluateMappings(
      groupMappings,
      group,
      options('create', { resolveReference }),
    )
    expect(resource).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Team',
      externalId: 'g1',
      members: [{ value: 't-u1' }, { value: 't-u3' }],
    })
    expect(attributes[2]).toEqual({ target: 'members', value: ['u1', 'u2', 'u3'], reference: 'user' })
  })

  it('throws a MappingError naming the target when an expression fails', () => {
    const bad = set([
      { target: 'hireDate', source: { type: 'expression', expression: 'CDate([hire])' }, apply: 'always' },
    ])
    expect(() => evaluateMappings(bad, { hire: 'not a date' }, options('create'))).toThrow(MappingError)
    expect(() => evaluateMappings(bad, { hire: 'not a date' }, options('create'))).toThrow(
      /^Mapping to hireDate: CDate at position 1/,
    )
    const unparsable = set([
      { target: 'x', source: { type: 'expression', expression: 'Left([a]' }, apply: 'always' },
    ])
    expect(() => evaluateMappings(unparsable, {}, options('create'))).toThrow(/Mapping to x: Expected '\)'/)
  })
})

describe('matchingAttributes', () => {
  it('returns matching values lowest precedence first, skipping nulls', () => {
    const matching = set([
      {
        target: 'externalId',
        source: { type: 'direct', attribute: 'objectId' },
        apply: 'always',
        matchingPrecedence: 2,
      },
      { target: 'displayName', source: { type: 'direct', attribute: 'displayName' }, apply: 'always' },
      {
        target: 'emails[type eq "work"].value',
        source: { type: 'direct', attribute: 'mail' },
        apply: 'always',
        matchingPrecedence: 3,
      },
      {
        target: 'userName',
        source: { type: 'expression', expression: 'ToLower([userPrincipalName])' },
        apply: 'always',
        matchingPrecedence: 1,
      },
    ])
    const values = matchingAttributes(
      matching,
      { objectId: 'o1', userPrincipalName: 'Ada@Contoso.com' },
      options('create'),
    )
    expect(values).toEqual([
      { target: 'userName', value: 'ada@contoso.com', precedence: 1 },
      { target: 'externalId', value: 'o1', precedence: 2 },
    ])
  })
})
