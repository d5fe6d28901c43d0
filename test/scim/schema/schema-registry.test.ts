import { describe, expect, it } from 'vitest'
import { schemaInResource } from '../../../src/scim/schema/compiled-resource-schema.js'
import { USER_SCHEMA } from '../../../src/scim/schema/core-schemas.js'
import { createDefaultRegistry, SchemaRegistry } from '../../../src/scim/schema/schema-registry.js'
import {
  ENTERPRISE_USER_SCHEMA_URN,
  GROUP_SCHEMA_URN,
  USER_SCHEMA_URN,
} from '../../../src/scim/schema/urns.js'
import { isScimError } from '../../../src/scim/scim-error.js'
import { PEAKON_SCHEMA, PEAKON_URN } from './peakon-schema.js'

const PEAKON = PEAKON_URN
const peakonSchema = PEAKON_SCHEMA

describe('SchemaRegistry defaults', () => {
  const users = createDefaultRegistry().resourceSchema('User')

  it('resolves core attributes and sub-attributes ignoring case', () => {
    expect(users.resolve({ attribute: 'USERNAME' })?.attribute.name).toBe('userName')
    const sub = users.resolve({ attribute: 'Name', subAttribute: 'GIVENNAME' })
    expect(sub?.attribute.name).toBe('name')
    expect(sub?.subAttribute?.name).toBe('givenName')
    expect(sub?.schema).toBe(USER_SCHEMA_URN)
    expect(sub?.extension).toBe(false)
  })

  it('resolves the common attributes id, externalId and meta in the core schema', () => {
    const id = users.resolve({ attribute: 'ID' })
    expect(id?.attribute).toMatchObject({ mutability: 'readOnly', returned: 'always', caseExact: true })
    expect(users.resolve({ attribute: 'externalid' })?.attribute.caseExact).toBe(true)
    expect(users.resolve({ attribute: 'meta', subAttribute: 'lastmodified' })?.subAttribute?.type).toBe(
      'dateTime',
    )
  })

  it('resolves unqualified extension attributes after core ones', () => {
    const found = users.resolve({ attribute: 'employeeNumber' })
    expect(found).toMatchObject({ schema: ENTERPRISE_USER_SCHEMA_URN, extension: true })
  })

  it('resolves URN-qualified paths only in the named schema', () => {
    expect(
      users.resolve({
        schema: ENTERPRISE_USER_SCHEMA_URN.toUpperCase(),
        attribute: 'manager',
        subAttribute: 'value',
      })?.subAttribute?.name,
    ).toBe('value')
    expect(
      users.resolve({ schema: USER_SCHEMA_URN, attribute: 'name', subAttribute: 'familyName' }),
    ).toBeDefined()
    expect(users.resolve({ schema: USER_SCHEMA_URN, attribute: 'employeeNumber' })).toBeUndefined()
    expect(users.resolve({ schema: ENTERPRISE_USER_SCHEMA_URN, attribute: 'userName' })).toBeUndefined()
  })

  it('resolves unsplit qualified or dotted names given as the attribute', () => {
    expect(users.resolve({ attribute: `${USER_SCHEMA_URN}:name` })?.attribute.name).toBe('name')
    expect(
      users.resolve({ attribute: `${ENTERPRISE_USER_SCHEMA_URN}:manager.value` })?.subAttribute?.name,
    ).toBe('value')
    expect(users.resolve({ attribute: 'name.givenName' })?.subAttribute?.name).toBe('givenName')
  })

  it('returns undefined for unknown attributes and sub-attributes', () => {
    expect(users.resolve({ attribute: 'nope' })).toBeUndefined()
    expect(users.resolve({ attribute: 'name', subAttribute: 'nope' })).toBeUndefined()
    expect(users.resolve({ attribute: 'userName', subAttribute: 'value' })).toBeUndefined()
    expect(users.resolve({ attribute: 'name.' })).toBeUndefined()
  })

  it('returns the same object on every lookup', () => {
    expect(users.resolve({ attribute: 'emails', subAttribute: 'type' })).toBe(
      users.resolve({ attribute: 'EMAILS', subAttribute: 'Type' }),
    )
  })

  it('finds resource types by id or name and refuses unknown ones with 404', () => {
    const registry = createDefaultRegistry()
    expect(registry.resourceSchema('group').core.id).toBe(GROUP_SCHEMA_URN)
    expect(() => registry.resourceSchema('Device')).toThrow(/Unknown resource type "Device"/)
    expect(registry.resourceTypes().map((t) => t.id)).toEqual(['User', 'Group'])
    expect(registry.schemas().map((s) => s.id)).toEqual([
      USER_SCHEMA_URN,
      GROUP_SCHEMA_URN,
      ENTERPRISE_USER_SCHEMA_URN,
    ])
  })

  it('tells schema keys of a resource from attributes', () => {
    expect(schemaInResource(users, ENTERPRISE_USER_SCHEMA_URN.toLowerCase())).toMatchObject({
      extension: true,
      required: false,
    })
    expect(schemaInResource(users, USER_SCHEMA_URN)?.extension).toBe(false)
    expect(schemaInResource(users, GROUP_SCHEMA_URN)).toBeUndefined()
  })
})

describe('SchemaRegistry at run time', () => {
  it('adds a custom extension whose attribute names contain spaces', () => {
    const registry = createDefaultRegistry()
    const before = registry.resourceSchema('User')
    registry.registerSchema(peakonSchema)
    registry.addSchemaExtension('User', PEAKON, false)
    const users = registry.resourceSchema('User')
    expect(users).not.toBe(before)
    expect(users.extensions.map((e) => e.schema.id)).toEqual([ENTERPRISE_USER_SCHEMA_URN, PEAKON])
    expect(users.resolve({ schema: PEAKON, attribute: 'business unit' })?.attribute.name).toBe(
      'Business Unit',
    )
    expect(users.resolve({ attribute: 'BUSINESS UNIT' })?.schema).toBe(PEAKON)
    expect(users.resolve({ attribute: `${PEAKON}:Business Unit` })?.extension).toBe(true)
  })

  it('replaces a schema registered again under the same URN', () => {
    const registry = createDefaultRegistry()
    registry.registerSchema(peakonSchema)
    registry.addSchemaExtension('User', PEAKON, true)
    registry.registerSchema({
      ...peakonSchema,
      attributes: [{ ...peakonSchema.attributes[0], name: 'Department' }],
    })
    const users = registry.resourceSchema('user')
    expect(users.resolve({ attribute: 'Business Unit' })).toBeUndefined()
    expect(users.resolve({ attribute: 'department' })?.schema).toBe(ENTERPRISE_USER_SCHEMA_URN)
    expect(users.resolve({ schema: PEAKON, attribute: 'department' })?.schema).toBe(PEAKON)
    expect(users.extensions.find((e) => e.schema.id === PEAKON)?.required).toBe(true)
  })

  it('is not affected by later changes to the definition it was given', () => {
    const registry = new SchemaRegistry()
    const copy = structuredClone(USER_SCHEMA)
    registry.registerSchema(copy)
    copy.attributes = []
    expect(registry.schema(USER_SCHEMA_URN)?.attributes.length).toBe(USER_SCHEMA.attributes.length)
  })

  it.each([
    [{ ...peakonSchema, id: 'peakon' }, /must be a URN/],
    [
      { ...peakonSchema, attributes: [{ ...peakonSchema.attributes[0], name: 'a.b' }] },
      /"a\.b".*must be a non-empty string/,
    ],
    [
      {
        ...peakonSchema,
        attributes: [peakonSchema.attributes[0], { ...peakonSchema.attributes[0], name: 'business UNIT' }],
      },
      /defined twice/,
    ],
    [
      { ...peakonSchema, attributes: [{ ...peakonSchema.attributes[0], type: 'complex' as const }] },
      /needs subAttributes/,
    ],
    [
      { ...peakonSchema, attributes: [{ ...peakonSchema.attributes[0], type: 'text' as 'string' }] },
      /Business Unit": "type" must be one of string, boolean/,
    ],
    [
      {
        ...peakonSchema,
        attributes: [{ ...peakonSchema.attributes[0], returned: undefined as unknown as 'default' }],
      },
      /"returned" must be one of always, never, default, request, got undefined/,
    ],
    [
      {
        ...peakonSchema,
        attributes: [{ ...peakonSchema.attributes[0], required: 'yes' as unknown as boolean }],
      },
      /"required" must be true or false/,
    ],
  ])('rejects a malformed schema with 400 invalidValue (%#)', (definition, message) => {
    const registry = new SchemaRegistry()
    let error: unknown
    try {
      registry.registerSchema(definition)
    } catch (e) {
      error = e
    }
    expect(isScimError(error) && error.status === 400 && error.scimType === 'invalidValue').toBe(true)
    expect((error as Error).message).toMatch(message)
  })

  it('refuses a resource type or extension whose schema is not registered', () => {
    const registry = createDefaultRegistry()
    expect(() => registry.addSchemaExtension('User', PEAKON, false)).toThrow(/not registered/)
    expect(() =>
      registry.addResourceType({
        id: 'Device',
        name: 'Device',
        endpoint: '/Devices',
        description: 'Device',
        schema: 'urn:example:Device',
        schemaExtensions: [],
      }),
    ).toThrow(/"urn:example:Device".*not registered/)
  })
})
