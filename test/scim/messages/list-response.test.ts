import { describe, expect, it } from 'vitest'
import { listResponse, listResponseJson } from '../../../src/scim/messages/list-response.js'
import { LIST_RESPONSE_URN } from '../../../src/scim/schema/urns.js'

describe('listResponse', () => {
  it('builds an index page as RFC 7644 §3.4.2 prints it', () => {
    expect(listResponse([{ id: 'a' }, { id: 'b' }], { totalResults: 10, startIndex: 3 })).toEqual({
      schemas: [LIST_RESPONSE_URN],
      totalResults: 10,
      itemsPerPage: 2,
      startIndex: 3,
      Resources: [{ id: 'a' }, { id: 'b' }],
    })
  })

  it('answers no match with an empty Resources list', () => {
    expect(listResponse([], { totalResults: 0, startIndex: 1 })).toMatchObject({
      totalResults: 0,
      Resources: [],
    })
  })

  it('carries RFC 9865 cursors and leaves startIndex out of a cursor page', () => {
    const page = listResponse([{ id: 'a' }], {
      totalResults: 5,
      itemsPerPage: 1,
      nextCursor: 'n',
      previousCursor: 'p',
    })
    expect(page).toEqual({
      schemas: [LIST_RESPONSE_URN],
      totalResults: 5,
      itemsPerPage: 1,
      Resources: [{ id: 'a' }],
      nextCursor: 'n',
      previousCursor: 'p',
    })
  })
})

describe('listResponseJson', () => {
  it('is the ListResponse of the parsed resources, for index and cursor pages and no match', () => {
    const resources = [{ id: 'a', name: { givenName: 'A "quoted" ]}' } }, { id: 'b' }]
    const pages = [
      { totalResults: 10, startIndex: 3 },
      { totalResults: 5, itemsPerPage: 2, nextCursor: 'n', previousCursor: 'p' },
    ]
    for (const page of pages) {
      const json = listResponseJson(
        resources.map((r) => JSON.stringify(r)),
        page,
      )
      expect(JSON.parse(json)).toEqual(listResponse(resources, page))
    }
    expect(JSON.parse(listResponseJson([], { totalResults: 0, startIndex: 1 }))).toEqual(
      listResponse([], { totalResults: 0, startIndex: 1 }),
    )
  })
})
