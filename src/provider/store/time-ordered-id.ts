import { randomUUID } from 'node:crypto'

/**
 * A version 7 UUID (RFC 9562 §5.7): the Unix time in milliseconds in the first 48 bits, then random bits. Rows keyed
 * by these go to the end of their primary-key index rather than to a random page of it, so a commit of many new rows
 * writes a few pages instead of one a row. The ids stay unique (74 random bits a millisecond) and, to a client,
 * opaque; they tell the creation time, which `meta.created` shows anyway.
 *
 * The random bits are a version 4 UUID's (crypto.randomUUID draws them from a buffered pool; a fresh randomFillSync
 * costs a native job each time): its last 74 random bits and its variant, after the time and the version 7.
 */
export function timeOrderedId(now: number = Date.now()): string {
  const time = now.toString(16).padStart(12, '0')
  return `${time.slice(0, 8)}-${time.slice(8)}-7${randomUUID().slice(15)}`
}
