import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ServerConfig } from './config.js'

/**
 * The server secret (HMAC key for cursors): PROVISIO_SECRET when set; otherwise the content of
 * `<dataDir>/secret.key`, created with 32 random bytes (hex, mode 0600) on first start. Several servers sharing one
 * PostgreSQL database must share PROVISIO_SECRET, or a cursor issued by one is refused by another.
 */
export function resolveSecret(config: Pick<ServerConfig, 'secret' | 'dataDir'>): string {
  if (config.secret) return config.secret
  const file = join(config.dataDir, 'secret.key')
  try {
    const existing = readFileSync(file, 'utf8').trim()
    if (existing) return existing
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  mkdirSync(config.dataDir, { recursive: true })
  const secret = randomBytes(32).toString('hex')
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' })
    return secret
  } catch (error) {
    // Another process (the CLI next to a starting server) created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim()
    throw error
  }
}
