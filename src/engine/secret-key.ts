import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { EngineError } from './engine-error.js'

/** Where the secret key comes from: the environment (PROVISIO_SECRET_KEY) or a key file in the data directory. */
export interface SecretKeySource {
  env?: NodeJS.ProcessEnv
  /** The data directory; the key file is `<dataDir>/secret.key`, created (mode 0600) on first use. */
  dataDir: string
}

/**
 * Returns the 32-byte key that encrypts secret tokens at rest. PROVISIO_SECRET_KEY (64 hex characters or base64 of
 * 32 bytes) wins; otherwise `<dataDir>/secret.key` is read, or generated with mode 0600 when missing.
 *
 * @example const key = loadSecretKey({ dataDir: 'data' })
 */
export function loadSecretKey(source: SecretKeySource): Buffer {
  const fromEnv = (source.env ?? process.env).PROVISIO_SECRET_KEY
  if (fromEnv) return decodeKey(fromEnv, 'PROVISIO_SECRET_KEY')
  const file = join(source.dataDir, 'secret.key')
  if (existsSync(file)) return decodeKey(readFileSync(file, 'utf8').trim(), file)
  mkdirSync(source.dataDir, { recursive: true })
  const key = randomBytes(32)
  try {
    writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
    return key
  } catch (error) {
    // Another process (the server next to the CLI) created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return decodeKey(readFileSync(file, 'utf8').trim(), file)
    throw error
  }
}

function decodeKey(text: string, where: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64')
  if (key.length !== 32) {
    throw new EngineError(
      'SECRET_KEY_INVALID',
      `${where} must hold a 32-byte key as 64 hex characters or base64 (generate one with: openssl rand -hex 32)`,
    )
  }
  return key
}
