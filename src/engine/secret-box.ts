import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { EngineError } from './engine-error.js'

const VERSION = 'v1'

/** Encrypts `plaintext` with AES-256-GCM under a 32-byte key; the result (`v1.iv.tag.ciphertext`, base64url) is safe to store. */
export function sealSecret(key: Buffer, plaintext: string): string {
  assertKey(key)
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  const tag = cipher.getAuthTag()
  return [VERSION, iv, tag, ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.')
}

/** Decrypts what sealSecret produced; throws SECRET_UNREADABLE for a wrong key or a tampered value. */
export function openSecret(key: Buffer, sealed: string): string {
  assertKey(key)
  const [version, iv, tag, ciphertext] = sealed.split('.')
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
    throw new EngineError('SECRET_UNREADABLE', 'the stored secret is not in a format this version can read')
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    )
  } catch (cause) {
    throw new EngineError(
      'SECRET_UNREADABLE',
      'the stored secret cannot be decrypted: the secret key (PROVISIO_SECRET_KEY or DATA/secret.key) differs from the one it was saved with',
      { cause },
    )
  }
}

function assertKey(key: Buffer): void {
  if (key.length !== 32)
    throw new EngineError('SECRET_KEY_INVALID', `the secret key must be 32 bytes, got ${key.length}`)
}
