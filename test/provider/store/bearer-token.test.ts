import { describe, expect, it } from 'vitest'
import {
  hashesMatch,
  hashToken,
  isWellFormedToken,
  newBearerToken,
} from '../../../src/provider/tenants/bearer-token.js'

describe('bearer tokens', () => {
  it('are pvs_ plus 32 random bytes in base64url', () => {
    const token = newBearerToken((n) => new Uint8Array(n).fill(255))
    expect(token).toBe(`pvs_${'_'.repeat(42)}8`)
    expect(isWellFormedToken(token)).toBe(true)
    expect(isWellFormedToken(token.slice(1))).toBe(false)
  })

  it('compare hashes by value, refusing other lengths', () => {
    const h = hashToken('pvs_a')
    expect(h).toMatch(/^[0-9a-f]{64}$/)
    expect(hashesMatch(h, hashToken('pvs_a'))).toBe(true)
    expect(hashesMatch(h, hashToken('pvs_b'))).toBe(false)
    expect(hashesMatch(h, h.slice(2))).toBe(false)
  })
})
