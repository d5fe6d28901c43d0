import { createHash, timingSafeEqual } from 'node:crypto'

/** Prefix of every provisioning token, so secret scanners and people recognise one. */
export const TOKEN_PREFIX = 'pvs_'

const TOKEN_PATTERN = /^pvs_[A-Za-z0-9_-]{43}$/

/** A new bearer token: `pvs_` + 32 random bytes in base64url. */
export function newBearerToken(randomBytes: (size: number) => Uint8Array): string {
  return TOKEN_PREFIX + Buffer.from(randomBytes(32)).toString('base64url')
}

/** Whether a string has the shape of a token this store issues (cheap rejection before any lookup). */
export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token)
}

/** The hex SHA-256 of a token: all the store keeps of it. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** Compares two token hashes in constant time. */
export function hashesMatch(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex')
  const right = Buffer.from(b, 'hex')
  return left.length === right.length && timingSafeEqual(left, right)
}
