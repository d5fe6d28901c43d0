import { describe, expect, it } from 'vitest'
import { parsePatchRequest } from '../../../src/scim/messages/patch-request.js'
import { PATCH_OP_URN } from '../../../src/scim/schema/urns.js'

describe('parsePatchRequest', () => {
  it('keeps the Entra operations raw: capitalised op, path as text, value untouched', () => {
    const body = {
      schemas: [PATCH_OP_URN],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
        { op: 'Add', path: 'members', value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }] },
        { op: 'remove', path: 'manager' },
        { op: 'replace', value: { 'name.givenName': 'B' } },
      ],
    }
    expect(parsePatchRequest(body)).toEqual(body)
  })

  it('accepts member names in any case and an omitted schemas', () => {
    expect(parsePatchRequest({ operations: [{ OP: 'add', PATH: 'title', Value: 'x' }] })).toEqual({
      schemas: [PATCH_OP_URN],
      Operations: [{ op: 'add', path: 'title', value: 'x' }],
    })
  })

  it.each([
    [[], 'invalidSyntax', 'The request body must be a JSON object: a PatchOp message'],
    [
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], Operations: [{ op: 'add' }] },
      'invalidSyntax',
      'must contain',
    ],
    [{ schemas: [PATCH_OP_URN] }, 'invalidSyntax', 'needs "Operations"'],
    [{ schemas: [PATCH_OP_URN], Operations: [] }, 'invalidSyntax', 'needs "Operations"'],
    [{ Operations: ['add'] }, 'invalidSyntax', 'Operations[0] must be an object'],
    [{ Operations: [{ path: 'x' }] }, 'invalidSyntax', 'Operations[0] needs "op"'],
    [{ Operations: [{ op: 'add', path: 3 }] }, 'invalidPath', 'Operations[0]: "path" must be a string'],
  ])('refuses a malformed body (%#)', (body, scimType, message) => {
    expect(() => parsePatchRequest(body)).toThrow(expect.objectContaining({ status: 400, scimType }))
    expect(() => parsePatchRequest(body)).toThrow(message)
  })
})
