import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EngineError } from '../../src/engine/engine-error.js'
import { openSecret, sealSecret } from '../../src/engine/secret-box.js'
import { loadSecretKey } from '../../src/engine/secret-key.js'

describe('secret box', () => {
  it('opens what it sealed, for any text', () => {
    const key = randomBytes(32)
    fc.assert(fc.property(fc.string(), (text) => openSecret(key, sealSecret(key, text)) === text))
  })

  it('never stores the plaintext and seals the same text differently each time', () => {
    const key = randomBytes(32)
    const a = sealSecret(key, 'pvs_secret-token')
    expect(a).not.toContain('secret-token')
    expect(sealSecret(key, 'pvs_secret-token')).not.toBe(a)
  })

  it('refuses a wrong key or a tampered value with SECRET_UNREADABLE', () => {
    const sealed = sealSecret(randomBytes(32), 'token')
    expect(() => openSecret(randomBytes(32), sealed)).toThrow(
      expect.objectContaining({ code: 'SECRET_UNREADABLE' }),
    )
    const key = randomBytes(32)
    const parts = sealSecret(key, 'token').split('.')
    parts[3] = Buffer.from('other').toString('base64url')
    expect(() => openSecret(key, parts.join('.'))).toThrow(EngineError)
  })

  it('refuses keys that are not 32 bytes', () => {
    expect(() => sealSecret(randomBytes(16), 'x')).toThrow(
      expect.objectContaining({ code: 'SECRET_KEY_INVALID' }),
    )
  })
})

describe('secret key', () => {
  it('creates DATA/secret.key with mode 0600 on first use and reads the same key afterwards', () => {
    const dir = mkdtempSync(join(tmpdir(), 'provisio-key-'))
    try {
      const key = loadSecretKey({ dataDir: dir, env: {} })
      expect(key).toHaveLength(32)
      expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600)
      expect(readFileSync(join(dir, 'secret.key'), 'utf8').trim()).toBe(key.toString('hex'))
      expect(loadSecretKey({ dataDir: dir, env: {} }).equals(key)).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('prefers PROVISIO_SECRET_KEY (hex or base64) and rejects a key of the wrong size', () => {
    const key = randomBytes(32)
    expect(
      loadSecretKey({ dataDir: '/nonexistent', env: { PROVISIO_SECRET_KEY: key.toString('hex') } }).equals(
        key,
      ),
    ).toBe(true)
    expect(
      loadSecretKey({ dataDir: '/nonexistent', env: { PROVISIO_SECRET_KEY: key.toString('base64') } }).equals(
        key,
      ),
    ).toBe(true)
    expect(() => loadSecretKey({ dataDir: '/nonexistent', env: { PROVISIO_SECRET_KEY: 'short' } })).toThrow(
      /32-byte key/,
    )
  })
})
