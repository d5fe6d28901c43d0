import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor } from '../../../src/scim/cursor.js'
import { isScimError } from '../../../src/scim/scim-error.js'

const signer = {
  sign: (payload: string) => `sig${payload.length}`,
  verify: (payload: string, signature: string) => signature === `sig${payload.length}`,
}

function scimTypeOf(run: () => unknown): string | undefined {
  try {
    run()
  } catch (error) {
    if (isScimError(error)) return `${error.status} ${error.scimType}`
    throw error
  }
  return undefined
}

describe('cursor', () => {
  it('encodes a position as opaque base64url and decodes it back', () => {
    const cursor = encodeCursor({ after: 'u42', sort: 'Zoë' })
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeCursor(cursor)).toEqual({ after: 'u42', sort: 'Zoë' })
  })

  it('signs and verifies with the caller-supplied signer', () => {
    const cursor = encodeCursor({ after: 7 }, signer)
    expect(decodeCursor(cursor, signer)).toEqual({ after: 7 })
    expect(scimTypeOf(() => decodeCursor(`${cursor}x`, signer))).toBe('400 invalidCursor')
    expect(scimTypeOf(() => decodeCursor(encodeCursor({ after: 7 }), signer))).toBe('400 invalidCursor')
  })

  it.each(['', '!!!', 'bm90IGpzb24', encodeCursor([1] as unknown as object).slice(0, 3), 'WzFd'])(
    'refuses %j with 400 invalidCursor',
    (cursor) => {
      expect(scimTypeOf(() => decodeCursor(cursor))).toBe('400 invalidCursor')
    },
  )

  it('round-trips any JSON object and throws only ScimError on any string', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (position) => {
        expect(decodeCursor(encodeCursor(position))).toEqual(JSON.parse(JSON.stringify(position)))
      }),
    )
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          decodeCursor(text)
        } catch (error) {
          expect(isScimError(error)).toBe(true)
        }
      }),
    )
  })
})
