import { createHmac, timingSafeEqual } from 'node:crypto'
import { InvalidCursorError } from './errors.js'

/**
 * Where a page ends, for RFC 9865 cursors: the sort key and id of the last row (keyset, when SQL decides the
 * filter), or the number of matches already returned (offset, when the filter is evaluated in memory).
 */
export type CursorPosition = { key: string | number | null; id: string } | { offset: number }

/** What a cursor is bound to: a cursor of another tenant, type, filter or sort is invalid there. */
export interface CursorScope {
  tenantId: string
  type: string
  /** A digest of the filter and sort. */
  query: string
}

const MAC_BYTES = 16

function mac(key: Uint8Array, body: string): Buffer {
  return createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES)
}

function scopeText(scope: CursorScope): string {
  return `${scope.tenantId}\n${scope.type}\n${scope.query}`
}

/** An opaque, tamper-evident cursor: base64url JSON of the position, then an HMAC over it and the scope. */
export function encodeCursor(key: Uint8Array, scope: CursorScope, position: CursorPosition): string {
  const body = Buffer.from(JSON.stringify(position)).toString('base64url')
  return `${body}.${mac(key, `${scopeText(scope)}\n${body}`).toString('base64url')}`
}

/** The position of a cursor this store issued for this scope; InvalidCursorError otherwise. */
export function decodeCursor(key: Uint8Array, scope: CursorScope, cursor: string): CursorPosition {
  const invalid = () =>
    new InvalidCursorError('The cursor is not valid for this query; start again without one')
  const [body, signature, extra] = cursor.split('.')
  if (!body || !signature || extra !== undefined) throw invalid()
  const expected = mac(key, `${scopeText(scope)}\n${body}`)
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid()
  return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as CursorPosition
}
