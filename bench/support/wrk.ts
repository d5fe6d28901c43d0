/**
 * Load from wrk (Debian's `wrk`), a C load generator that needs a fraction of the CPU autocannon does: on a 2-core
 * machine shared with the server, that is the difference between measuring the server and measuring the generator.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** One scenario: a method, and Lua expressions for the path and body of request number `n` (1, 2, …). */
export interface WrkScenario {
  url: string
  method: 'GET' | 'POST' | 'PATCH'
  headers: Record<string, string>
  /** A Lua expression over `n`, e.g. `"/scim/v2/Users/bench-" .. (n % 100000)`. */
  path: string
  /** A Lua expression over `n` for the body, or none. */
  body?: string
}

/** What wrk measured. */
export interface WrkResult {
  /** Requests completed. */
  requests: number
  requestsPerSecond: number
  p99Ms: number
  failed: number
}

/** Escapes text as a Lua string literal. */
export function lua(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/** Runs wrk with one thread and `connections` connections for `seconds` and reads its summary. */
export async function wrk(scenario: WrkScenario, connections: number, seconds: number): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'provisio-wrk-'))
  const script = join(dir, 'scenario.lua')
  const headers = Object.entries(scenario.headers)
    .map(([k, v]) => `wrk.headers[${lua(k)}] = ${lua(v)}`)
    .join('\n')
  writeFileSync(
    script,
    `${headers}
n = 0
request = function()
  n = n + 1
  return wrk.format(${lua(scenario.method)}, ${scenario.path}${scenario.body ? `, nil, ${scenario.body}` : ''})
end
`,
  )
  try {
    const { stdout } = await run(
      'wrk',
      ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, scenario.url],
      { maxBuffer: 1 << 20 },
    )
    return parse(stdout)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function parse(out: string): WrkResult {
  const requests = /(\d+) requests in /.exec(out)
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out)
  const p99 = /\s99%\s+([\d.]+)(us|ms|s)\b/.exec(out)
  if (!requests || !rps || !p99) throw new Error(`could not read wrk's output:\n${out}`)
  const scale = { us: 0.001, ms: 1, s: 1000 }[p99[2] as 'us' | 'ms' | 's']
  const failed =
    Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) +
    Number(
      /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/
        .exec(out)
        ?.slice(1)
        .reduce((a, b) => a + Number(b), 0) ?? 0,
    )
  return {
    requests: Number(requests[1]),
    requestsPerSecond: Number(rps[1]),
    p99Ms: Number(p99[1]) * scale,
    failed,
  }
}
