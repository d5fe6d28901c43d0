import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { answerShape, shownResource } from '../../../src/provider/http/answer-shape.js'
import { resourceJson } from '../../../src/provider/http/resource-json.js'
import { resourceData, type StoredResource, toResource } from '../../../src/provider/store/resource-rows.js'
import type { ResourceTypeName } from '../../../src/provider/store/types.js'
import { createDefaultRegistry } from '../../../src/scim/schema/schema-registry.js'
import { ENTERPRISE_USER_SCHEMA_URN } from '../../../src/scim/schema/urns.js'
import { jsonWithKeys } from '../../support/json-arbitraries.js'

const registry = createDefaultRegistry()
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 500)
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
const LOCATION = 'http://h/scim/v2/Users/x'

/** Member names the User and Group schemas know (in other letter cases too) and unknown ones. */
const key = fc.oneof(
  fc.constantFrom('userName', 'password', 'PASSWORD', 'name', 'givenName', 'emails', 'value', 'display'),
  fc.constantFrom('members', 'groups', 'meta', 'id', 'displayName', 'employeeNumber', 'manager', '2', '$ref'),
  fc.constantFrom(ENTERPRISE_USER_SCHEMA_URN, ENTERPRISE_USER_SCHEMA_URN.toUpperCase()),
  fc.string({ maxLength: 5 }),
)
const value = jsonWithKeys(key)
const schemas = fc.oneof(
  fc.constant([USER]),
  fc.constant([USER, ENTERPRISE_USER_SCHEMA_URN]),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
)
const groupValue = fc.record({
  value: fc.string(),
  display: fc.string(),
  type: fc.constantFrom('direct', 'User'),
})
/** The derived attribute as the store gives it: not read, JSON text (SQLite) or values (PostgreSQL, loaded). */
const derived = fc.option(
  fc.oneof(
    fc.array(groupValue, { maxLength: 2 }),
    fc.array(groupValue, { maxLength: 2 }).map((v) => JSON.stringify(v)),
  ),
  { nil: undefined },
)
const names = fc.option(
  fc.array(
    fc.constantFrom('members', 'groups', 'password', 'name.givenName', 'emails', 'meta.version', 'id'),
    {
      maxLength: 2,
    },
  ),
  { nil: undefined },
)

function stored(type: ResourceTypeName, data: string, derivedValue?: string | object[]): StoredResource {
  return {
    type,
    row: {
      id: 'a/b',
      created: '2026-01-01T00:00:00Z',
      last_modified: '2026-01-02T00:00:00Z',
      version: 3,
      data,
    },
    derived: derivedValue,
  }
}

describe('resourceJson', () => {
  it('answers what the parsed, projected resource would be, whether it splices the stored text or not', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ResourceTypeName>('User', 'Group'),
        schemas,
        fc.dictionary(key, value, { maxKeys: 5 }),
        derived,
        names,
        names,
        (type, s, attributes, derivedValue, attributeNames, excludedAttributes) => {
          const shape = answerShape(
            { type, attributes: attributeNames, excludedAttributes },
            registry.resourceSchema(type),
          )
          // Derived values are read only when the answer shows them.
          const read = type === 'Group' ? shape.read.includeMembers : shape.read.includeGroups
          const resource = stored(
            type,
            resourceData(type, { schemas: s, ...attributes }),
            read ? derivedValue : undefined,
          )
          const expected = JSON.stringify(shownResource(shape, toResource(resource), LOCATION))
          expect(JSON.parse(resourceJson(resource, shape, LOCATION))).toEqual(JSON.parse(expected))
        },
      ),
      { numRuns: FUZZ_RUNS },
    )
  })

  it('sends the stored text as it is when the projection leaves it alone', () => {
    // Parsing would move the integer-like key "2" to the front: the text shows that nothing was parsed.
    const data = `{"schemas":["${USER}"],"userName":"bjensen","2":"two"}`
    const shape = answerShape({ type: 'User' }, registry.resourceSchema('User'))
    const json = resourceJson(
      stored('User', data, '[{"value":"g","display":"G","type":"direct"}]'),
      shape,
      LOCATION,
    )
    expect(json).toBe(
      `{"schemas":["${USER}"],"id":"a/b","userName":"bjensen","2":"two",` +
        '"groups":[{"value":"g","display":"G","type":"direct"}],' +
        `"meta":{"resourceType":"User","created":"2026-01-01T00:00:00Z","lastModified":"2026-01-02T00:00:00Z",` +
        `"version":"W/\\"3\\"","location":"${LOCATION}"}}`,
    )
  })

  it('parses and projects when the stored text holds what the projection drops', () => {
    const data = `{"schemas":["${USER}"],"userName":"bjensen","password":"secret"}`
    const shape = answerShape({ type: 'User' }, registry.resourceSchema('User'))
    const json = JSON.parse(resourceJson(stored('User', data), shape, LOCATION))
    expect(json).toEqual({
      schemas: [USER],
      id: 'a/b',
      userName: 'bjensen',
      meta: {
        resourceType: 'User',
        created: '2026-01-01T00:00:00Z',
        lastModified: '2026-01-02T00:00:00Z',
        version: 'W/"3"',
        location: LOCATION,
      },
    })
  })
})
