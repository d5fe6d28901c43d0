/**
 * The benchmarks' load generator: HTTP/1.1 keep-alive connections, one request in flight on each, from a process of
 * its own (load-client.ts). It replaced wrk, whose own timing has a transient at the start of every run (on the same
 * server at the same rate, one-second runs of GET by id had a p99 of 52–98 ms in wrk and 12–18 ms here), and which
 * opens new connections for each run, so that a warm-up cannot lead into the measured window.
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const CLIENT = join(import.meta.dirname, 'load-client.ts')

/** One scenario: a method, and JavaScript expressions for the path and body of request number `n` (1, 2, …). */
export interface LoadScenario {
  url: string
  method: 'GET' | 'POST' | 'PATCH'
  headers: Record<string, string>
  /** A JavaScript expression over `n`, e.g. `"/scim/v2/Users/bench-" + (n % 100000)`. */
  path: string
  /** A JavaScript expression over `n` for the body, or none. */
  body?: string
}

/** How to run a scenario: requests sent in the first `warmupSeconds` are not measured; then `seconds` are. */
export interface LoadOptions {
  scenario: LoadScenario
  connections: number
  warmupSeconds: number
  seconds: number
}

/** What one run measured, of the requests sent in its measured window. */
export interface LoadResult {
  /** Measured requests answered. */
  requests: number
  requestsPerSecond: number
  p99Ms: number
  maxMs: number
  /** Measured requests answered with a status outside 2xx and 3xx, or not at all (the connection failed). */
  failed: number
  /** Requests sent in all, warm-up included: the highest `n` a scenario was asked for. */
  sent: number
}

/** Escapes text as a JavaScript string literal, for the expressions of a scenario. */
export function literal(text: string): string {
  return JSON.stringify(text)
}

/**
 * Runs a scenario in the load generator's process and returns what it measured; throws if no request of the
 * measured window was answered (its throughput and p99 would mean nothing).
 */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', CLIENT, JSON.stringify(options)], {
    maxBuffer: 1 << 20,
  })
  const result = JSON.parse(stdout) as LoadResult
  if (result.requests === 0) {
    throw new Error(
      `no request to ${options.scenario.url} was answered in the ${options.seconds}-second window`,
    )
  }
  return result
}
