import { ScimError } from './scim-error.js'

/** The RFC 9865 request parameters of cursor pagination: `cursor` (empty for the first page) and `count`. */
export interface CursorRequest {
  /** The opaque cursor of the page to read; `''` asks for the first page with cursor pagination. */
  cursor: string
  count?: number
}

/** The RFC 9865 attributes a ListResponse carries with cursor pagination. */
export interface CursorPage {
  /** The cursor of the next page; absent on the last page. */
  nextCursor?: string
  /** The cursor of the previous page, when the service provider supports going back. */
  previousCursor?: string
}

/** The RFC 9865 `pagination` object of /ServiceProviderConfig. */
export interface PaginationCapabilities {
  cursor: boolean
  index: boolean
  defaultPaginationMethod?: 'cursor' | 'index'
  defaultPageSize?: number
  maxPageSize?: number
  /** Seconds a cursor stays valid. */
  cursorTimeout?: number
}

/** Signs and verifies cursor payloads: the service provider holds the secret, this core never does. */
export interface CursorSigner {
  sign(payload: string): string
  verify(payload: string, signature: string): boolean
}

function toBase64Url(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new Error('not base64url')
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
}

function invalidCursor(): ScimError {
  return new ScimError(
    400,
    'invalidCursor',
    'The cursor is not one this service provider issued; start again without it',
  )
}

/**
 * An opaque cursor for a position (any JSON-serialisable object): base64url JSON, followed by `.signature` when a
 * signer is given.
 *
 * @example encodeCursor({ after: 'u42' }) // → 'eyJhZnRlciI6InU0MiJ9'
 */
export function encodeCursor(position: object, signer?: Pick<CursorSigner, 'sign'>): string {
  const payload = toBase64Url(JSON.stringify(position))
  return signer ? `${payload}.${signer.sign(payload)}` : payload
}

/**
 * The position inside a cursor made by encodeCursor. Throws ScimError 400 `invalidCursor` when the cursor is not
 * base64url JSON of an object, or when a signer is given and the signature is missing or does not verify.
 * Expiry (`expiredCursor`) is the caller's to check on the position, which should carry its own issue time.
 */
export function decodeCursor<T extends object = Record<string, unknown>>(
  cursor: string,
  signer?: Pick<CursorSigner, 'verify'>,
): T {
  const dot = cursor.indexOf('.')
  const payload = dot < 0 ? cursor : cursor.slice(0, dot)
  if (signer) {
    if (dot < 0 || !signer.verify(payload, cursor.slice(dot + 1))) throw invalidCursor()
  } else if (dot >= 0) {
    throw invalidCursor()
  }
  let position: unknown
  try {
    position = JSON.parse(fromBase64Url(payload))
  } catch {
    throw invalidCursor()
  }
  if (typeof position !== 'object' || position === null || Array.isArray(position)) throw invalidCursor()
  return position as T
}
