import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, scimUrl } from '../../src/server/config.js'
import { serverSecretKey } from '../../src/server/open-provider.js'

describe('loadConfig', () => {
  it('defaults to 127.0.0.1:8080 and SQLite in ./data', () => {
    const config = loadConfig({}, {})
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      rateLimitPerSecond: 1000,
      logLevel: 'info',
    })
    expect(config.database).toEqual({ kind: 'sqlite', file: resolve('data', 'provisio.db') })
    expect(scimUrl(config)).toBe('http://127.0.0.1:8080/scim/v2')
  })

  it('takes flags over the environment, the environment over defaults', () => {
    const env = {
      PORT: '9000',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u:p@db/provisio',
      PROVISIO_SECRET_KEY: 's',
    }
    const fromEnv = loadConfig({}, env)
    expect(fromEnv).toMatchObject({ port: 9000, host: '0.0.0.0', secret: 's' })
    expect(fromEnv.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db/provisio' })
    expect(scimUrl(fromEnv)).toBe('http://localhost:9000/scim/v2')
    const fromFlags = loadConfig({ port: '7000', publicUrl: 'https://scim.example.com/' }, env)
    expect(fromFlags.port).toBe(7000)
    expect(scimUrl(fromFlags)).toBe('https://scim.example.com/scim/v2')
  })

  it.each([
    [{ port: 'http' }, /--port must be a port number/],
    [{ port: '70000' }, /--port must be a port number/],
    [{ databaseUrl: 'mysql://root:secret@db/x' }, /postgres:\/\/.*mysql:\/\/root:\*\*\*@db/],
    [{ publicUrl: 'ftp://x' }, /http or https/],
    [{ publicUrl: 'not a url' }, /absolute http\(s\) URL/],
    [{ rateLimit: '-1' }, /rate limit/],
  ])('refuses %j with a message naming it', (flags, message) => {
    expect(() => loadConfig(flags, {})).toThrow(ConfigError)
    expect(() => loadConfig(flags, {})).toThrow(message)
  })
})

describe('serverSecretKey', () => {
  it('creates DIR/secret.key once (mode 0600) and reads it back; PROVISIO_SECRET_KEY wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'provisio-secret-'))
    try {
      const first = serverSecretKey({ dataDir: dir, secret: undefined })
      expect(first).toHaveLength(32)
      expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600)
      expect(serverSecretKey({ dataDir: dir, secret: undefined }).equals(first)).toBe(true)
      expect(readFileSync(join(dir, 'secret.key'), 'utf8').trim()).toBe(first.toString('hex'))
      const fromEnv = 'ab'.repeat(32)
      expect(serverSecretKey({ dataDir: dir, secret: fromEnv }).toString('hex')).toBe(fromEnv)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
