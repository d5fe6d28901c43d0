import { describe, expect, it } from 'vitest'
import { resourceTypeResources, schemaResources } from '../../../src/scim/schema/discovery-resources.js'
import { createDefaultRegistry } from '../../../src/scim/schema/schema-registry.js'
import {
  ENTERPRISE_USER_SCHEMA_URN,
  GROUP_SCHEMA_URN,
  RESOURCE_TYPE_SCHEMA_URN,
  SCHEMA_SCHEMA_URN,
  USER_SCHEMA_URN,
} from '../../../src/scim/schema/urns.js'
import { PEAKON_URN, peakonRegistry } from './peakon-schema.js'

describe('schemaResources', () => {
  it('lists User, Group and EnterpriseUser as Schema resources with meta', () => {
    const resources = schemaResources(createDefaultRegistry(), 'https://example.com/scim/v2/')
    expect(resources.map((r) => r.id)).toEqual([
      USER_SCHEMA_URN,
      GROUP_SCHEMA_URN,
      ENTERPRISE_USER_SCHEMA_URN,
    ])
    expect(resources[0]).toMatchObject({
      schemas: [SCHEMA_SCHEMA_URN],
      name: 'User',
      meta: { resourceType: 'Schema', location: `https://example.com/scim/v2/Schemas/${USER_SCHEMA_URN}` },
    })
    const userName = resources[0].attributes.find((a) => a.name === 'userName')
    expect(userName).toEqual({
      name: 'userName',
      type: 'string',
      multiValued: false,
      description: expect.any(String),
      required: true,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'server',
    })
  })

  it('shows a custom extension registered at run time and only RFC characteristics', () => {
    const registry = peakonRegistry()
    registry.registerSchema({
      ...registry.schema(PEAKON_URN)!,
      attributes: [
        {
          ...registry.schema(PEAKON_URN)!.attributes[0],
          canonicalValues: ['Eng'],
          strictCanonicalValues: true,
        },
      ],
    })
    const peakon = schemaResources(registry, 'https://h/scim').find((r) => r.id === PEAKON_URN)
    expect(peakon?.attributes[0]).toMatchObject({ name: 'Business Unit', canonicalValues: ['Eng'] })
    expect(peakon?.attributes[0]).not.toHaveProperty('strictCanonicalValues')
  })
})

describe('resourceTypeResources', () => {
  it('lists User with its extensions and Group (RFC 7643 §8.6)', () => {
    expect(resourceTypeResources(peakonRegistry(), 'https://example.com/v2')).toEqual([
      {
        schemas: [RESOURCE_TYPE_SCHEMA_URN],
        id: 'User',
        name: 'User',
        endpoint: '/Users',
        description: 'User Account',
        schema: USER_SCHEMA_URN,
        schemaExtensions: [
          { schema: ENTERPRISE_USER_SCHEMA_URN, required: false },
          { schema: PEAKON_URN, required: false },
        ],
        meta: { resourceType: 'ResourceType', location: 'https://example.com/v2/ResourceTypes/User' },
      },
      {
        schemas: [RESOURCE_TYPE_SCHEMA_URN],
        id: 'Group',
        name: 'Group',
        endpoint: '/Groups',
        description: 'Group',
        schema: GROUP_SCHEMA_URN,
        schemaExtensions: [],
        meta: { resourceType: 'ResourceType', location: 'https://example.com/v2/ResourceTypes/Group' },
      },
    ])
  })
})
