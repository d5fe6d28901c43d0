import { randomFillSync } from 'node:crypto'

/**
 * A version 7 UUID (RFC 9562 §5.7): the Unix time in milliseconds in the first 48 bits, then random bits. Rows keyed
 * by these go to the end of their primary-key index rather than to a random page of it, so a commit of many new rows
 * writes a few pages instead of one a row. The ids stay unique (74 random bits a millisecond) and, to a client,
 * opaque; they tell the creation time, which `meta.created` shows anyway.
 */
export function timeOrderedId(now: number = Date.now()): string {
  const bytes = randomFillSync(Buffer.alloc(16))
  bytes.writeUIntBE(now, 0, 6)
  bytes[6] = (bytes[6] & 0x0f) | 0x70
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
