import type { CursorPage } from '../cursor.js'
import { LIST_RESPONSE_URN } from '../schema/urns.js'

/** A ListResponse (RFC 7644 §3.4.2) with the RFC 9865 cursors. */
export interface ListResponse<T = Record<string, unknown>> extends CursorPage {
  schemas: [typeof LIST_RESPONSE_URN]
  totalResults: number
  startIndex?: number
  itemsPerPage: number
  Resources: T[]
}

/** The paging figures of a ListResponse: omit `startIndex` for a cursor page; `itemsPerPage` defaults to the page size. */
export interface ListPage extends CursorPage {
  totalResults: number
  startIndex?: number
  itemsPerPage?: number
}

/**
 * A ListResponse message for one page of resources. `Resources` is always present (empty on no match, as Entra
 * expects: 200 with `totalResults: 0`).
 *
 * @example listResponse([user], { totalResults: 1, startIndex: 1 })
 */
export function listResponse<T>(resources: T[], page: ListPage): ListResponse<T> {
  const response: ListResponse<T> = {
    schemas: [LIST_RESPONSE_URN],
    totalResults: page.totalResults,
    itemsPerPage: page.itemsPerPage ?? resources.length,
    Resources: resources,
  }
  if (page.startIndex !== undefined) response.startIndex = page.startIndex
  if (page.nextCursor !== undefined) response.nextCursor = page.nextCursor
  if (page.previousCursor !== undefined) response.previousCursor = page.previousCursor
  return response
}

/**
 * The JSON text of listResponse(resources, page) for resources that are JSON text already (each a whole JSON object),
 * so that a server need not parse what it stores to list it. Written out rather than serialised: spreading the message
 * into a new object costs more than the rest of the text.
 */
export function listResponseJson(resources: readonly string[], page: ListPage): string {
  let json = `{"schemas":["${LIST_RESPONSE_URN}"],"totalResults":${page.totalResults}`
  json += `,"itemsPerPage":${page.itemsPerPage ?? resources.length}`
  if (page.startIndex !== undefined) json += `,"startIndex":${page.startIndex}`
  if (page.nextCursor !== undefined) json += `,"nextCursor":${JSON.stringify(page.nextCursor)}`
  if (page.previousCursor !== undefined) json += `,"previousCursor":${JSON.stringify(page.previousCursor)}`
  return `${json},"Resources":[${resources.join(',')}]}`
}
