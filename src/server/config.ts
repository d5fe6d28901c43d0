import { resolve } from 'node:path'
import type { DatabaseConfig } from '../db/database.js'

/** Everything the server needs to start, resolved from flags and environment. */
export interface ServerConfig {
  host: string
  /** 0 picks a free port (tests). */
  port: number
  database: DatabaseConfig
  /** Directory for local state: the SQLite file (when no database URL is given) and `secret.key`. */
  dataDir: string
  /**
   * The address clients use, without a trailing slash (e.g. `https://api.example.com`), when set explicitly. Without
   * it, printed URLs use `http://<host>:<port>` and SCIM answers derive locations from the request's Host header.
   */
  publicUrl: string | undefined
  /** PROVISIO_SECRET_KEY (32 bytes, hex or base64); when absent the key lives in `<dataDir>/secret.key` (see serverSecretKey). */
  secret: string | undefined
  /** Sustained requests per second allowed per bearer token (bursts of twice that); 0 turns the limit off. */
  rateLimitPerSecond: number
  logLevel: string
}

/** Command-line flags that override the environment (commander's camelCase names). */
export interface ConfigFlags {
  port?: string | number
  host?: string
  data?: string
  databaseUrl?: string
  publicUrl?: string
  rateLimit?: string | number
}

/** A configuration value that cannot work; `code` is stable for tests and scripts. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID'
  override readonly name = 'ConfigError'
}

const DEFAULT_PORT = 8080
const DEFAULT_HOST = '127.0.0.1'
const DEFAULT_DATA_DIR = './data'
const DEFAULT_RATE_LIMIT_PER_SECOND = 1000

/**
 * Resolves the server configuration. Flags win over the environment, the environment over defaults:
 * `--port`/PORT (8080), `--host`/HOST (127.0.0.1), `--data`/PROVISIO_DATA (./data: SQLite file `<dir>/provisio.db`),
 * `--database-url`/DATABASE_URL (a `postgres://` or `postgresql://` URL: PostgreSQL instead of SQLite),
 * `--public-url`/PROVISIO_PUBLIC_URL (default `http://<host>:<port>` in printed URLs), `--rate-limit`/PROVISIO_RATE_LIMIT (1000 per
 * second per token; 0 = off), PROVISIO_SECRET_KEY, LOG_LEVEL (info). Throws ConfigError naming the bad value.
 *
 * @example loadConfig({ port: '9000', data: '/var/lib/provisio' }, process.env)
 */
export function loadConfig(flags: ConfigFlags, env: Record<string, string | undefined>): ServerConfig {
  const port = parsePort(flags.port ?? env.PORT, flags.port !== undefined ? '--port' : 'PORT')
  const host = nonEmpty(flags.host ?? env.HOST) ?? DEFAULT_HOST
  const dataDir = resolve(nonEmpty(flags.data ?? env.PROVISIO_DATA) ?? DEFAULT_DATA_DIR)
  const url = nonEmpty(flags.databaseUrl ?? env.DATABASE_URL)
  if (url !== undefined && !/^postgres(ql)?:\/\//i.test(url)) {
    throw new ConfigError(
      `The database URL must start with postgres:// or postgresql://, got "${redactUrl(url)}"`,
    )
  }
  const database: DatabaseConfig = url
    ? { kind: 'postgres', url }
    : { kind: 'sqlite', file: resolve(dataDir, 'provisio.db') }
  const publicUrl = parsePublicUrl(nonEmpty(flags.publicUrl ?? env.PROVISIO_PUBLIC_URL))
  const rateLimitPerSecond = parseRate(flags.rateLimit ?? env.PROVISIO_RATE_LIMIT)
  return {
    host,
    port,
    database,
    dataDir,
    publicUrl,
    secret: nonEmpty(env.PROVISIO_SECRET_KEY),
    rateLimitPerSecond,
    logLevel: nonEmpty(env.LOG_LEVEL) ?? 'info',
  }
}

/** The SCIM 2.0 base URL tenants configure in their identity provider: the public URL, or host and port. */
export function scimUrl(config: Pick<ServerConfig, 'publicUrl' | 'host' | 'port'>): string {
  if (config.publicUrl) return `${config.publicUrl}/scim/v2`
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}/scim/v2`
}

function parsePort(value: string | number | undefined, source: string): number {
  if (value === undefined || value === '') return DEFAULT_PORT
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${source} must be a port number from 0 to 65535, got "${value}"`)
  }
  return port
}

function parseRate(value: string | number | undefined): number {
  if (value === undefined || value === '') return DEFAULT_RATE_LIMIT_PER_SECOND
  const rate = Number(value)
  if (!Number.isFinite(rate) || rate < 0) {
    throw new ConfigError(
      `The rate limit must be a number of requests per second (0 turns it off), got "${value}"`,
    )
  }
  return rate
}

function parsePublicUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError(`The public URL must be an absolute http(s) URL, got "${value}"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`The public URL must use http or https, got "${value}"`)
  }
  return url.toString().replace(/\/+$/, '')
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}

/** The URL with its password replaced, for error messages. */
function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@')
}
