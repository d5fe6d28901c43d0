import { describe, expect, it } from 'vitest'
import { parseAttributeList } from '../../../src/scim/projection/attribute-list.js'
import { compileProjection, projectResource } from '../../../src/scim/projection/project-resource.js'
import { attribute } from '../../../src/scim/schema/attribute-builder.js'
import { createDefaultRegistry, SchemaRegistry } from '../../../src/scim/schema/schema-registry.js'
import type { AttributeDefinition } from '../../../src/scim/schema/types.js'
import {
  ENTERPRISE_USER_SCHEMA_URN,
  GROUP_SCHEMA_URN,
  USER_SCHEMA_URN,
} from '../../../src/scim/schema/urns.js'
import { PEAKON_URN, peakonRegistry } from '../schema/peakon-schema.js'
import { rfcFullUser } from '../schema/rfc7643-examples.js'

const registry = createDefaultRegistry()
const users = registry.resourceSchema('User')
const groups = registry.resourceSchema('Group')

describe('parseAttributeList', () => {
  it('splits, trims and drops empty names', () => {
    expect(parseAttributeList(' userName, name.givenName,,emails ')).toEqual([
      'userName',
      'name.givenName',
      'emails',
    ])
    expect(parseAttributeList(['userName', 'emails,id'])).toEqual(['userName', 'emails', 'id'])
    expect(parseAttributeList(undefined)).toEqual([])
    expect(parseAttributeList(42)).toEqual([])
  })
})

describe('projectResource', () => {
  it('returns only id, schemas and userName for attributes=userName (RFC 7644 §3.9 example)', () => {
    expect(projectResource(rfcFullUser(), users, { attributes: ['userName'] })).toEqual({
      schemas: rfcFullUser().schemas,
      id: '2819c223-7f76-453a-919d-413861904646',
      userName: 'bjensen@example.com',
    })
  })

  it('never returns the password, even when asked for it', () => {
    expect(projectResource(rfcFullUser(), users, {})).not.toHaveProperty('password')
    expect(projectResource(rfcFullUser(), users, { attributes: ['password'] })).not.toHaveProperty('password')
  })

  it('returns the default set without any parameter: everything but the password', () => {
    const expected = rfcFullUser()
    delete expected.password
    expect(projectResource(rfcFullUser(), users, {})).toEqual(expected)
  })

  it('returns named sub-attributes only, ignoring case', () => {
    const out = projectResource(rfcFullUser(), users, { attributes: ['NAME.givenname', 'emails.VALUE'] })
    expect(out).toEqual({
      schemas: rfcFullUser().schemas,
      id: '2819c223-7f76-453a-919d-413861904646',
      name: { givenName: 'Barbara' },
      emails: [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }],
    })
  })

  it('excludes attributes and sub-attributes but keeps the ones returned always', () => {
    const out = projectResource(rfcFullUser(), users, {
      excludedAttributes: ['id', 'schemas', 'emails', 'name.middleName', 'meta', ENTERPRISE_USER_SCHEMA_URN],
    })
    expect(out.id).toBe('2819c223-7f76-453a-919d-413861904646')
    expect(out.schemas).toEqual(rfcFullUser().schemas)
    expect(out).not.toHaveProperty('emails')
    expect(out).not.toHaveProperty('meta')
    expect(out).not.toHaveProperty(ENTERPRISE_USER_SCHEMA_URN)
    expect(out.name).toEqual({
      formatted: 'Ms. Barbara J Jensen, III',
      familyName: 'Jensen',
      givenName: 'Barbara',
      honorificPrefix: 'Ms.',
      honorificSuffix: 'III',
    })
    expect(out.userName).toBe('bjensen@example.com')
  })

  it('excludes group members (Entra: excludedAttributes=members) and says so before loading them', () => {
    const group = { schemas: [GROUP_SCHEMA_URN], id: 'g', displayName: 'G', members: [{ value: 'u1' }] }
    const projection = compileProjection(groups, { excludedAttributes: ['members'] })
    expect(projection.includes('members')).toBe(false)
    expect(projection.includes('displayName')).toBe(true)
    expect(projection.apply(group)).toEqual({ schemas: [GROUP_SCHEMA_URN], id: 'g', displayName: 'G' })
    expect(compileProjection(groups, {}).includes('MEMBERS')).toBe(true)
    expect(compileProjection(groups, { attributes: ['displayName'] }).includes('members')).toBe(false)
  })

  it('accepts URN-qualified names and whole extension URNs', () => {
    const qualified = projectResource(rfcFullUser(), users, {
      attributes: [`${ENTERPRISE_USER_SCHEMA_URN}:manager.value`, `${USER_SCHEMA_URN}:displayName`],
    })
    expect(qualified).toEqual({
      schemas: rfcFullUser().schemas,
      id: '2819c223-7f76-453a-919d-413861904646',
      displayName: 'Babs Jensen',
      [ENTERPRISE_USER_SCHEMA_URN]: { manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' } },
    })
    const whole = projectResource(rfcFullUser(), users, {
      attributes: [ENTERPRISE_USER_SCHEMA_URN.toLowerCase()],
    })
    expect(whole[ENTERPRISE_USER_SCHEMA_URN]).toEqual(rfcFullUser()[ENTERPRISE_USER_SCHEMA_URN])
    expect(whole).not.toHaveProperty('userName')
  })

  it('ignores names the schema does not define', () => {
    expect(projectResource(rfcFullUser(), users, { attributes: ['nope', 'userName'] })).toEqual(
      projectResource(rfcFullUser(), users, { attributes: ['userName'] }),
    )
    expect(projectResource(rfcFullUser(), users, { excludedAttributes: ['nope', 'name.nope'] })).toEqual(
      projectResource(rfcFullUser(), users, {}),
    )
  })

  it('projects the Peakon extension attributes with spaces in their names', () => {
    const peakon = peakonRegistry().resourceSchema('User')
    const user = {
      schemas: [USER_SCHEMA_URN, PEAKON_URN],
      id: 'u',
      userName: 'x',
      [PEAKON_URN]: { 'Business Unit': 'Eng', Department: 'IT' },
    }
    expect(projectResource(user, peakon, { attributes: [`${PEAKON_URN}:business unit`] })).toEqual({
      schemas: [USER_SCHEMA_URN, PEAKON_URN],
      id: 'u',
      [PEAKON_URN]: { 'Business Unit': 'Eng' },
    })
    expect(projectResource(user, peakon, { excludedAttributes: ['Business Unit'] })[PEAKON_URN]).toEqual({
      Department: 'IT',
    })
  })

  it('returns `request` attributes only when named', () => {
    const devices = deviceSchema([
      attribute('label', 'Label'),
      attribute('secretNote', 'Only on request', { returned: 'request' }),
      attribute('spec', 'Spec', {
        type: 'complex',
        subAttributes: [attribute('cpu', 'CPU'), attribute('serial', 'On request', { returned: 'request' })],
      }),
    ])
    const device = { id: 'd', label: 'L', secretNote: 'S', spec: { cpu: 'arm', serial: '1' } }
    expect(projectResource(device, devices, {})).toEqual({ id: 'd', label: 'L', spec: { cpu: 'arm' } })
    expect(projectResource(device, devices, { attributes: ['secretNote', 'spec.serial'] })).toEqual({
      id: 'd',
      secretNote: 'S',
      spec: { serial: '1' },
    })
  })

  it('tells a core attribute from an extension attribute of the same name, resource after resource', () => {
    const devices = deviceSchema(
      [attribute('label', 'Label'), attribute('note', 'Only on request', { returned: 'request' })],
      [attribute('label', 'Only on request', { returned: 'request' }), attribute('note', 'Note')],
    )
    const projection = compileProjection(devices, {})
    for (const n of [1, 2]) {
      const device = { id: `d${n}`, label: 'L', note: 'N', [EXTRA]: { label: 'XL', note: 'XN' } }
      expect(projection.apply(device)).toEqual({ id: `d${n}`, label: 'L', [EXTRA]: { note: 'XN' } })
    }
  })
})

const DEVICE = 'urn:example:Device'
const EXTRA = 'urn:example:Extra'

/** A Device resource type with these core attributes and, when given, the extension `urn:example:Extra`. */
function deviceSchema(core: AttributeDefinition[], extra?: AttributeDefinition[]) {
  const custom = new SchemaRegistry()
  custom.registerSchema({ id: DEVICE, name: 'Device', description: 'Device', attributes: core })
  if (extra) custom.registerSchema({ id: EXTRA, name: 'Extra', description: 'Extra', attributes: extra })
  custom.addResourceType({
    id: 'Device',
    name: 'Device',
    endpoint: '/Devices',
    description: 'Device',
    schema: DEVICE,
    schemaExtensions: extra ? [{ schema: EXTRA, required: false }] : [],
  })
  return custom.resourceSchema('Device')
}
