import { Pool } from 'undici'
import { type Clock, systemClock } from '../clock.js'
import { EngineError } from '../engine-error.js'
import { parseRetryAfter } from './retry-after.js'
import { Semaphore } from './semaphore.js'
import { TokenBucket } from './token-bucket.js'

/** How the engine talks to one target. */
export interface ScimClientConfig {
  /** The Tenant URL, e.g. `https://app.example.com/scim/v2` (a query string such as `?aadOptscim062020` is kept). */
  tenantUrl: string
  /** The Secret Token, sent as `Authorization: Bearer <token>`. */
  token: string
  /** Requests in flight at most (default 8). */
  concurrency?: number
  /** Requests a second at most; 0 = no limit (default). */
  ratePerSecond?: number
  /** Per-request timeout in ms (default 30 s). */
  timeoutMs?: number
  /** Attempts per request for 429, 5xx, timeouts and network errors (default 4). */
  maxAttempts?: number
  /** First retry delay in ms, doubled each attempt with jitter (default 250). */
  backoffBaseMs?: number
  /** Longest retry delay in ms (default 10 s). */
  backoffMaxMs?: number
  clock?: Clock
  /** A number in [0, 1) for jitter. */
  random?: () => number
}

/** A request to the target, relative to the Tenant URL. */
export interface ScimRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  /** `/Users`, `/Groups/{id}`, … */
  path: string
  query?: Record<string, string>
  body?: unknown
}

/** What the target answered: status, parsed JSON body (or the raw text when it is not JSON) and content type. */
export interface ScimResponse {
  status: number
  body: unknown
  contentType: string
}

/** What the client did, for logs, tests and benchmarks. */
export interface ScimClientStats {
  requests: number
  retries: number
}

/**
 * A SCIM client for one target: keep-alive connections, a concurrency limit and a rate budget, timeouts, Retry-After
 * honoured for every request after a 429, and retries with exponential backoff and jitter for 429, 5xx, timeouts and
 * network errors. Other answers (2xx, 4xx) are returned for the caller to classify; exhausted retries throw an
 * EngineError (TARGET_UNAVAILABLE, TARGET_TIMEOUT or TARGET_NETWORK).
 */
export class ScimClient {
  readonly stats: ScimClientStats = { requests: 0, retries: 0 }
  readonly #base: URL
  readonly #pool: Pool
  readonly #auth: string
  readonly #semaphore: Semaphore
  readonly #bucket: TokenBucket
  readonly #clock: Clock
  readonly #random: () => number
  readonly #timeoutMs: number
  readonly #maxAttempts: number
  readonly #backoffBaseMs: number
  readonly #backoffMaxMs: number
  #notBefore = 0

  constructor(config: ScimClientConfig) {
    this.#base = new URL(config.tenantUrl)
    this.#clock = config.clock ?? systemClock
    this.#random = config.random ?? Math.random
    this.#timeoutMs = config.timeoutMs ?? 30_000
    this.#maxAttempts = Math.max(1, config.maxAttempts ?? 4)
    this.#backoffBaseMs = config.backoffBaseMs ?? 250
    this.#backoffMaxMs = config.backoffMaxMs ?? 10_000
    const concurrency = config.concurrency ?? 8
    this.#semaphore = new Semaphore(concurrency)
    this.#bucket = new TokenBucket(config.ratePerSecond ?? 0, this.#clock)
    this.#auth = `Bearer ${config.token}`
    this.#pool = new Pool(this.#base.origin, {
      connections: concurrency,
      headersTimeout: this.#timeoutMs,
      bodyTimeout: this.#timeoutMs,
      connect: { timeout: this.#timeoutMs },
      keepAliveTimeout: 30_000,
    })
  }

  /** Sends a request with the retry policy above. */
  async send(request: ScimRequest): Promise<ScimResponse> {
    for (let attempt = 1; ; attempt++) {
      let failure: EngineError
      try {
        const response = await this.#semaphore.run(() => this.#attempt(request))
        if (response.status !== 429 && response.status < 500) return response
        failure = new EngineError('TARGET_UNAVAILABLE', describeStatus(response), {
          status: response.status,
          detail: response.body,
        })
        if (response.status === 429) {
          const wait = parseRetryAfter(response.retryAfter, this.#clock.now())
          this.#notBefore = Math.max(this.#notBefore, this.#clock.now() + (wait ?? this.#backoff(attempt)))
        }
      } catch (error) {
        failure = toEngineError(error)
      }
      if (attempt >= this.#maxAttempts) throw failure
      this.stats.retries++
      if (failure.status !== 429) await this.#clock.sleep(this.#backoff(attempt))
    }
  }

  /** Closes the connections. */
  close(): Promise<void> {
    return this.#pool.close()
  }

  async #attempt(request: ScimRequest): Promise<ScimResponse & { retryAfter?: string | string[] }> {
    for (
      let wait = this.#notBefore - this.#clock.now();
      wait > 0;
      wait = this.#notBefore - this.#clock.now()
    ) {
      await this.#clock.sleep(wait)
    }
    await this.#bucket.take()
    this.stats.requests++
    const body = request.body === undefined ? undefined : JSON.stringify(request.body)
    const response = await this.#pool.request({
      method: request.method,
      path: this.#pathOf(request),
      headers: {
        authorization: this.#auth,
        accept: 'application/scim+json, application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
      },
      body,
    })
    const text = await response.body.text()
    const contentType = String(response.headers['content-type'] ?? '')
    return {
      status: response.statusCode,
      body: parseBody(text),
      contentType,
      retryAfter: response.headers['retry-after'],
    }
  }

  #pathOf(request: ScimRequest): string {
    const basePath = this.#base.pathname.replace(/\/+$/, '')
    const params = new URLSearchParams(this.#base.search)
    for (const [key, value] of Object.entries(request.query ?? {})) params.set(key, value)
    const query = params.toString().replace(/=(&|$)/g, '$1')
    return `${basePath}${request.path}${query ? `?${query}` : ''}`
  }

  #backoff(attempt: number): number {
    const ceiling = Math.min(this.#backoffMaxMs, this.#backoffBaseMs * 2 ** (attempt - 1))
    return Math.round(ceiling / 2 + (ceiling / 2) * this.#random())
  }
}

function parseBody(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function describeStatus(response: ScimResponse): string {
  const detail = (response.body as { detail?: unknown } | undefined)?.detail
  return `the target answered ${response.status}${typeof detail === 'string' ? `: ${detail}` : ''}`
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
])

/** Turns a transport error into an EngineError that keeps the cause (and its `code`) for diagnosis. */
function toEngineError(error: unknown): EngineError {
  if (error instanceof EngineError) return error
  const code = networkCode(error)
  if (code && TIMEOUT_CODES.has(code)) {
    return new EngineError('TARGET_TIMEOUT', 'the target did not answer in time', { cause: error })
  }
  return new EngineError(
    'TARGET_NETWORK',
    `the target could not be reached (${code ?? (error as Error).message})`,
    {
      cause: error,
    },
  )
}

/** The `code` of a network error, looking through `cause` chains (undici wraps socket errors). */
export function networkCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string' && e.code !== 'UND_ERR_SOCKET') return e.code
    if (e.cause === e) break
  }
  return (error as { code?: string } | undefined)?.code
}
