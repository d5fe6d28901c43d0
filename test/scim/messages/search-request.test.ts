import { describe, expect, it } from 'vitest'
import { parseSearchParams, parseSearchRequest } from '../../../src/scim/messages/search-request.js'
import { SEARCH_REQUEST_URN } from '../../../src/scim/schema/urns.js'

describe('parseSearchRequest', () => {
  it('reads the RFC 7644 §3.4.3 example', () => {
    expect(
      parseSearchRequest({
        schemas: [SEARCH_REQUEST_URN],
        attributes: ['displayName', 'userName'],
        filter: 'displayName sw "smith"',
        startIndex: 1,
        count: 10,
      }),
    ).toEqual({
      attributes: ['displayName', 'userName'],
      filter: 'displayName sw "smith"',
      startIndex: 1,
      count: 10,
    })
  })

  it('reads sorting, excludedAttributes as a string, cursors, and clamps startIndex and count', () => {
    expect(
      parseSearchRequest({
        ExcludedAttributes: 'members, meta',
        sortBy: 'userName',
        sortOrder: 'Descending',
        startIndex: 0,
        count: -5,
        cursor: '',
      }),
    ).toEqual({
      excludedAttributes: ['members', 'meta'],
      sortBy: 'userName',
      sortOrder: 'descending',
      startIndex: 1,
      count: 0,
      cursor: '',
    })
  })

  it.each([
    [
      { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'] },
      'invalidSyntax',
      `must contain "${SEARCH_REQUEST_URN}"`,
    ],
    [{ filter: 3 }, 'invalidValue', '"filter" must be a string (given once), got 3'],
    [{ count: 'ten' }, 'invalidValue', '"count" must be an integer, got "ten"'],
    [{ startIndex: 1.5 }, 'invalidValue', '"startIndex" must be an integer, got 1.5'],
    [{ sortOrder: 'up' }, 'invalidValue', '"sortOrder" must be "ascending" or "descending", got "up"'],
  ])('refuses a bad member (%#)', (body, scimType, message) => {
    expect(() => parseSearchRequest(body)).toThrow(expect.objectContaining({ status: 400, scimType }))
    expect(() => parseSearchRequest(body)).toThrow(message)
  })
})

describe('parseSearchParams', () => {
  it('reads query-string values by the same rules', () => {
    expect(
      parseSearchParams({
        filter: 'userName eq "x"',
        attributes: 'userName,emails',
        startIndex: '2',
        COUNT: '50',
        sortBy: '',
      }),
    ).toEqual({ filter: 'userName eq "x"', attributes: ['userName', 'emails'], startIndex: 2, count: 50 })
  })

  it('refuses a repeated single-valued parameter', () => {
    expect(() => parseSearchParams({ filter: ['a eq "1"', 'b eq "2"'] })).toThrow('"filter" must be a string')
  })
})
