import { describe, expect, it } from 'vitest'
import { bulkResponse } from '../../../src/scim/messages/bulk.js'
import { parseBulkRequest } from '../../../src/scim/messages/bulk-request.js'
import { BULK_REQUEST_URN, BULK_RESPONSE_URN, USER_SCHEMA_URN } from '../../../src/scim/schema/urns.js'

const limits = { maxOperations: 3 }

describe('parseBulkRequest', () => {
  it('reads the operations of RFC 7644 §3.7.1, normalising the method case', () => {
    const request = parseBulkRequest(
      {
        schemas: [BULK_REQUEST_URN],
        failOnErrors: 1,
        Operations: [
          {
            method: 'post',
            path: '/Users',
            bulkId: 'qwerty',
            data: { schemas: [USER_SCHEMA_URN], userName: 'Alice' },
          },
          {
            method: 'PUT',
            path: '/Users/b7c14771',
            version: 'W/"3694e05e9dff591"',
            data: { userName: 'Bob' },
          },
          { method: 'DELETE', path: '/Users/e9025315', version: 'W/"0ee8add0a938e1a"' },
        ],
      },
      limits,
    )
    expect(request.failOnErrors).toBe(1)
    expect(request.Operations.map((o) => o.method)).toEqual(['POST', 'PUT', 'DELETE'])
    expect(request.Operations[0]).toMatchObject({ bulkId: 'qwerty', path: '/Users' })
    expect(request.Operations[1].version).toBe('W/"3694e05e9dff591"')
    expect(request.Operations[2]).not.toHaveProperty('data')
  })

  it('answers 413 naming the limit when there are too many operations (RFC 7644 §3.7.4)', () => {
    const operations = Array.from({ length: 4 }, (_, i) => ({ method: 'DELETE', path: `/Users/${i}` }))
    expect(() => parseBulkRequest({ Operations: operations }, limits)).toThrow(
      expect.objectContaining({
        status: 413,
        message: 'The BulkRequest has 4 operations; maxOperations is 3',
      }),
    )
  })

  it.each([
    [{ Operations: 'x' }, 'invalidSyntax', 'needs "Operations"'],
    [
      { Operations: [{ method: 'GET', path: '/Users' }] },
      'invalidValue',
      '"method" must be one of POST, PUT',
    ],
    [
      { Operations: [{ method: 'POST', path: '/Users', data: {} }] },
      'invalidValue',
      'a POST needs a "bulkId"',
    ],
    [
      {
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'a', data: {} },
          { method: 'POST', path: '/Groups', bulkId: 'a', data: {} },
        ],
      },
      'invalidValue',
      'Operations[1]: bulkId "a" is used by an earlier operation',
    ],
    [{ Operations: [{ method: 'PATCH', path: '/Users/1' }] }, 'invalidValue', 'a PATCH needs "data"'],
    [
      { Operations: [{ method: 'DELETE', path: 'Users/1' }] },
      'invalidValue',
      '"path" must be a resource path',
    ],
    [{ failOnErrors: 0, Operations: [] }, 'invalidValue', '"failOnErrors" must be a positive integer, got 0'],
  ])('refuses a malformed request (%#)', (body, scimType, message) => {
    expect(() => parseBulkRequest(body, limits)).toThrow(expect.objectContaining({ status: 400, scimType }))
    expect(() => parseBulkRequest(body, limits)).toThrow(message)
  })
})

describe('bulkResponse', () => {
  it('wraps operation results with status strings', () => {
    expect(
      bulkResponse([{ method: 'POST', bulkId: 'q', location: 'https://x/Users/1', status: '201' }]),
    ).toEqual({
      schemas: [BULK_RESPONSE_URN],
      Operations: [{ method: 'POST', bulkId: 'q', location: 'https://x/Users/1', status: '201' }],
    })
  })
})
