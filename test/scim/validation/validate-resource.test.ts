import { describe, expect, it } from 'vitest'
import { attribute } from '../../../src/scim/schema/attribute-builder.js'
import { createDefaultRegistry, SchemaRegistry } from '../../../src/scim/schema/schema-registry.js'
import type { ScimResource } from '../../../src/scim/schema/types.js'
import {
  ENTERPRISE_USER_SCHEMA_URN,
  GROUP_SCHEMA_URN,
  USER_SCHEMA_URN,
} from '../../../src/scim/schema/urns.js'
import { ScimError } from '../../../src/scim/scim-error.js'
import { validateResource } from '../../../src/scim/validation/validate-resource.js'
import { PEAKON_URN, peakonRegistry } from '../schema/peakon-schema.js'
import { rfcFullUser } from '../schema/rfc7643-examples.js'

const registry = createDefaultRegistry()
const users = registry.resourceSchema('User')
const groups = registry.resourceSchema('Group')

function errorOf(run: () => unknown): ScimError {
  try {
    run()
  } catch (error) {
    if (error instanceof ScimError) return error
    throw error
  }
  throw new Error('expected a ScimError')
}

function create(input: unknown) {
  return validateResource(input, users, { mode: 'create' })
}

describe('validateResource: create', () => {
  it('accepts the RFC 7643 §8.2 User and drops what the service provider owns (id, meta, groups)', () => {
    const out = create(rfcFullUser())
    const expected = rfcFullUser()
    delete expected.id
    delete expected.meta
    delete expected.groups
    const enterprise = expected[ENTERPRISE_USER_SCHEMA_URN] as Record<string, Record<string, unknown>>
    delete enterprise.manager.displayName
    expect(out).toEqual(expected)
  })

  it('accepts the Entra create request of entra-client-behavior.md §2.3, nulls and all', () => {
    const out = create({
      schemas: [USER_SCHEMA_URN, ENTERPRISE_USER_SCHEMA_URN],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1',
      active: 'True',
      emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b@testuser.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
      addresses: null,
      phoneNumbers: null,
      title: null,
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager': null,
    })
    expect(out).toEqual({
      schemas: [USER_SCHEMA_URN, ENTERPRISE_USER_SCHEMA_URN],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1',
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      active: true,
      emails: [{ value: 'Test_User_fd0ea19b@testuser.com', type: 'work', primary: true }],
    })
  })

  it.each([
    ['True', true],
    ['False', false],
    ['true', true],
    ['false', false],
    [true, true],
  ])('reads active %j as the boolean %j', (active, expected) => {
    expect(create({ userName: 'x', active }).active).toBe(expected)
  })

  it('requires userName and names it', () => {
    const error = errorOf(() => create({ displayName: 'x' }))
    expect(error).toMatchObject({ status: 400, scimType: 'invalidValue' })
    expect(error.message).toBe('Attribute "userName" is required (a string value)')
    expect(errorOf(() => create({ userName: null })).message).toMatch(/"userName" is required/)
  })

  it('requires displayName of a Group', () => {
    expect(errorOf(() => validateResource({ members: [] }, groups, { mode: 'create' })).message).toMatch(
      /"displayName" is required/,
    )
  })

  it.each([
    [{ userName: 42 }, 'Attribute "userName" must be a string, got number 42'],
    [
      { userName: 'x', active: 'yes' },
      'Attribute "active" must be a boolean (true or false), got string "yes"',
    ],
    [{ userName: 'x', name: 'Barbara' }, 'Attribute "name" must be an object with sub-attributes formatted,'],
    [{ userName: 'x', name: { givenName: 1 } }, 'Attribute "name.givenName" must be a string, got number 1'],
    [
      { userName: 'x', displayName: ['a'] },
      'Attribute "displayName" must be a single string value, not a list',
    ],
    [
      { userName: 'x', emails: [{ value: 'a' }, { value: 2 }] },
      'Attribute "emails.value" (value 2 of "emails") must be a string, got number 2',
    ],
    [
      { userName: 'x', emails: [{ value: 'a', primary: 'maybe' }] },
      'Attribute "emails.primary" (value 1 of "emails") must be a boolean',
    ],
    [
      { userName: 'x', profileUrl: 5 },
      'Attribute "profileUrl" must be a reference (a URI string), got number 5',
    ],
    [
      { userName: 'x', x509Certificates: [{ value: 'not base64!' }] },
      'Attribute "x509Certificates.value" (value 1 of "x509Certificates") must be base64-encoded binary',
    ],
    [
      { userName: 'x', [ENTERPRISE_USER_SCHEMA_URN]: { manager: 7 } },
      `Attribute "${ENTERPRISE_USER_SCHEMA_URN}:manager" must be an object with sub-attributes value, $ref, displayName`,
    ],
    [
      { userName: 'x', emails: ['a@example.com'] },
      'Attribute "emails" (value 1 of "emails") must be an object',
    ],
  ])('rejects a wrong type with a message naming the attribute (%#)', (input, message) => {
    const error = errorOf(() => create(input))
    expect(error).toMatchObject({ status: 400, scimType: 'invalidValue' })
    expect(error.message.startsWith(message)).toBe(true)
  })

  it('rejects two primary values in one multi-valued attribute', () => {
    const error = errorOf(() =>
      create({
        userName: 'x',
        emails: [
          { value: 'a', primary: true },
          { value: 'b', primary: 'True' },
        ],
      }),
    )
    expect(error.message).toBe(
      'Attribute "emails" has 2 values with "primary": true; at most one value may be primary',
    )
  })

  it('reads a bare string for manager as its value (Entra sends it so)', () => {
    const out = create({ userName: 'x', [`${ENTERPRISE_USER_SCHEMA_URN}:manager`]: 'boss-id' })
    expect(out[ENTERPRISE_USER_SCHEMA_URN]).toEqual({ manager: { value: 'boss-id' } })
  })

  it('accepts the Entra group create of entra-client-behavior.md §2.4, dropping the unknown Microsoft schema', () => {
    const out = validateResource(
      {
        schemas: [
          GROUP_SCHEMA_URN,
          'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group',
        ],
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        displayName: 'displayName',
        meta: { resourceType: 'Group' },
      },
      groups,
      { mode: 'create' },
    )
    expect(out).toEqual({
      schemas: [GROUP_SCHEMA_URN],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'displayName',
    })
  })

  it('ignores attributes the schema does not define instead of rejecting them', () => {
    expect(create({ userName: 'x', favouriteColour: 'blue', 'urn:example:Other:thing': 1 })).toEqual({
      schemas: [USER_SCHEMA_URN],
      userName: 'x',
    })
  })

  it('wraps a single value sent for a multi-valued attribute', () => {
    expect(create({ userName: 'x', emails: { value: 'a@example.com', type: 'work' } }).emails).toEqual([
      { value: 'a@example.com', type: 'work' },
    ])
  })

  it('keeps the canonical spelling of canonical values and keeps values outside the list', () => {
    const out = create({
      userName: 'x',
      phoneNumbers: [
        { value: '1', type: 'MOBILE' },
        { value: '2', type: 'Work' },
        { value: '3', type: 'satellite' },
      ],
    })
    expect(out.phoneNumbers).toEqual([
      { value: '1', type: 'mobile' },
      { value: '2', type: 'work' },
      { value: '3', type: 'satellite' },
    ])
  })

  it('rejects a value outside a strict canonical list', () => {
    const strict = new SchemaRegistry()
    strict.registerSchema({
      id: 'urn:example:Device',
      name: 'Device',
      description: 'Device',
      attributes: [
        attribute('kind', 'Kind', {
          required: true,
          canonicalValues: ['laptop', 'phone'],
          strictCanonicalValues: true,
        }),
      ],
    })
    strict.addResourceType({
      id: 'Device',
      name: 'Device',
      endpoint: '/Devices',
      description: 'Device',
      schema: 'urn:example:Device',
      schemaExtensions: [],
    })
    const devices = strict.resourceSchema('Device')
    expect(validateResource({ kind: 'LAPTOP' }, devices, { mode: 'create' }).kind).toBe('laptop')
    expect(errorOf(() => validateResource({ kind: 'tablet' }, devices, { mode: 'create' })).message).toBe(
      'Attribute "kind" must be one of "laptop", "phone", got "tablet"',
    )
  })

  it('checks dateTime values as xsd:dateTime', () => {
    const peakon = peakonRegistry().resourceSchema('User')
    const ok = validateResource(
      { userName: 'x', [PEAKON_URN]: { 'Date of Birth': '1990-02-28T00:00:00Z', 'Business Unit': 'Eng' } },
      peakon,
      { mode: 'create' },
    )
    expect(ok[PEAKON_URN]).toEqual({ 'Business Unit': 'Eng', 'Date of Birth': '1990-02-28T00:00:00Z' })
    expect(ok.schemas).toEqual([USER_SCHEMA_URN, PEAKON_URN])
    const error = errorOf(() =>
      validateResource({ userName: 'x', [`${PEAKON_URN}:date of birth`]: '1990-02-30T00:00:00Z' }, peakon, {
        mode: 'create',
      }),
    )
    expect(error.message).toBe(
      `Attribute "${PEAKON_URN}:Date of Birth" must be an xsd:dateTime such as "2008-01-23T04:56:22Z", got string "1990-02-30T00:00:00Z"`,
    )
  })

  it('refuses a body that is not an object with invalidSyntax', () => {
    expect(errorOf(() => create([{ userName: 'x' }]))).toMatchObject({
      status: 400,
      scimType: 'invalidSyntax',
    })
  })

  it('requires a required extension', () => {
    const strict = peakonRegistry()
    strict.addSchemaExtension('User', PEAKON_URN, true)
    const error = errorOf(() =>
      validateResource({ userName: 'x' }, strict.resourceSchema('User'), { mode: 'create' }),
    )
    expect(error.message).toBe(
      `Schema extension "${PEAKON_URN}" is required for resource type "User" but has no attributes`,
    )
  })
})

describe('validateResource: replace', () => {
  const existingGroup: ScimResource = {
    schemas: [GROUP_SCHEMA_URN],
    id: 'g1',
    displayName: 'Tour Guides',
    members: [{ value: 'u1', type: 'User' }],
  }

  it('ignores readOnly input such as id and meta', () => {
    const out = validateResource(
      { id: 'other', displayName: 'Tour Guides', meta: { version: 'x' } },
      groups,
      {
        mode: 'replace',
        existing: existingGroup,
      },
    )
    expect(out).toEqual({ schemas: [GROUP_SCHEMA_URN], displayName: 'Tour Guides' })
  })

  it('refuses to change an immutable attribute, and keeps it when omitted', () => {
    const deviceRegistry = new SchemaRegistry()
    deviceRegistry.registerSchema({
      id: 'urn:example:Device',
      name: 'Device',
      description: 'Device',
      attributes: [
        attribute('serial', 'Serial number', { mutability: 'immutable' }),
        attribute('label', 'Label'),
        attribute('owner', 'Owner', {
          type: 'complex',
          subAttributes: [attribute('value', 'Owner id', { mutability: 'immutable', caseExact: true })],
        }),
      ],
    })
    deviceRegistry.addResourceType({
      id: 'Device',
      name: 'Device',
      endpoint: '/Devices',
      description: 'Device',
      schema: 'urn:example:Device',
      schemaExtensions: [],
    })
    const devices = deviceRegistry.resourceSchema('Device')
    const existing = { id: 'd1', serial: 'AB-1', label: 'old', owner: { value: 'u1' } }
    const replace = (input: unknown) => validateResource(input, devices, { mode: 'replace', existing })
    expect(replace({ serial: 'ab-1', label: 'new', owner: { value: 'u1' } })).toMatchObject({
      serial: 'ab-1',
    })
    expect(replace({ label: 'new' })).toEqual({
      schemas: ['urn:example:Device'],
      serial: 'AB-1',
      label: 'new',
      owner: { value: 'u1' },
    })
    const error = errorOf(() => replace({ serial: 'CD-2' }))
    expect(error).toMatchObject({ status: 400, scimType: 'mutability' })
    expect(error.message).toBe(
      'Attribute "serial" is immutable: it is string "AB-1" and cannot change to string "CD-2"',
    )
    expect(errorOf(() => replace({ owner: { value: 'U1' } })).message).toMatch(/"owner.value" is immutable/)
    expect(validateResource({ serial: 'CD-2' }, devices, { mode: 'create' }).serial).toBe('CD-2')
  })

  it('lets group members change: values of a multi-valued attribute are not matched for immutability', () => {
    const out = validateResource({ displayName: 'Tour Guides', members: [{ value: 'u2' }] }, groups, {
      mode: 'replace',
      existing: existingGroup,
    })
    expect(out.members).toEqual([{ value: 'u2' }])
  })
})
