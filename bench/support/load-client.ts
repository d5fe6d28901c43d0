/**
 * The load generator's process (see load.ts); argv[2] is its LoadOptions as JSON. It keeps every connection busy with
 * one request at a time, numbering requests 1, 2, … across connections, and times each from the write of its request
 * to the last byte of its response. Requests sent in the warm-up are answered but not counted; the connections stay
 * open into the measured window. Once the window is over it sends no more, waits for the answers still due, and
 * prints one LoadResult as JSON.
 */
import { connect, type Socket } from 'node:net'
import type { LoadOptions, LoadResult } from './load.js'

/** How long the answers still due at the end may take before they count as failed. */
const DRAIN_MS = 30_000

const { scenario, connections, warmupSeconds, seconds } = JSON.parse(process.argv[2]) as LoadOptions
const url = new URL(scenario.url)
const pathOf = new Function('n', `return ${scenario.path}`) as (n: number) => string
const bodyOf = scenario.body
  ? (new Function('n', `return ${scenario.body}`) as (n: number) => string)
  : undefined
const fixedHeaders = Object.entries({ host: url.host, ...scenario.headers })
  .map(([name, value]) => `${name}: ${value}\r\n`)
  .join('')

const latencies: number[] = []
let sent = 0
let failed = 0
let inFlight = 0
const start = performance.now()
const measureFrom = start + warmupSeconds * 1000
const measureTo = measureFrom + seconds * 1000

/** Request number n, as bytes to write. */
function request(n: number): string {
  const body = bodyOf?.(n) ?? ''
  const length = bodyOf ? `content-length: ${Buffer.byteLength(body)}\r\n` : ''
  return `${scenario.method} ${pathOf(n)} HTTP/1.1\r\n${fixedHeaders}${length}\r\n${body}`
}

/** Where the first complete response in `text` (bytes as latin1 characters) ends, or -1 if it is not all there. */
function responseEnd(text: string): number {
  const head = text.indexOf('\r\n\r\n')
  if (head < 0) return -1
  const headers = text.slice(0, head)
  if (/\r\ntransfer-encoding: *chunked/i.test(headers)) return chunkedEnd(text, head + 4)
  const length = /\r\ncontent-length: *(\d+)/i.exec(headers)
  const end = head + 4 + (length ? Number(length[1]) : 0)
  return text.length >= end ? end : -1
}

/** Where a chunked body starting at `at` ends (no trailers), or -1 if it is not all there. */
function chunkedEnd(text: string, at: number): number {
  for (;;) {
    const line = text.indexOf('\r\n', at)
    if (line < 0) return -1
    const size = Number.parseInt(text.slice(at, line), 16)
    at = line + 2 + size + 2
    if (text.length < at) return -1
    if (size === 0) return at
  }
}

/** One connection: sends the next request whenever the last is answered, until the measured window is over. */
function open(): void {
  const socket: Socket = connect(Number(url.port), url.hostname)
  socket.setNoDelay(true)
  let connected = false
  let received = ''
  let sentAt = 0
  let waiting = false
  const send = () => {
    if (performance.now() >= measureTo) {
      socket.end()
      return
    }
    sent++
    sentAt = performance.now()
    waiting = true
    inFlight++
    socket.write(request(sent))
  }
  /** The request due is over; answers whether it was sent in the measured window. */
  const settle = () => {
    waiting = false
    inFlight--
    return sentAt >= measureFrom
  }
  socket.on('connect', () => {
    connected = true
    send()
  })
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1')
    for (let end = responseEnd(received); end >= 0; end = responseEnd(received)) {
      const status = Number(received.slice(9, 12))
      received = received.slice(end)
      if (settle()) {
        latencies.push(performance.now() - sentAt)
        if (status < 200 || status >= 400) failed++
      }
      send()
    }
  })
  socket.on('error', (error) => {
    if (connected) return
    process.stderr.write(`could not connect to ${scenario.url}: ${error.message}\n`)
    process.exit(1)
  })
  socket.on('close', () => {
    // The server closed it (or it failed) with a request due: that request failed; the load goes on on a new one.
    if (!waiting) return
    if (settle()) failed++
    if (performance.now() < measureTo) open()
  })
}

/** The nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]
}

for (let i = 0; i < connections; i++) open()
await new Promise((resolve) => setTimeout(resolve, measureTo - performance.now()))
const drainBy = performance.now() + DRAIN_MS
while (inFlight > 0 && performance.now() < drainBy) await new Promise((resolve) => setTimeout(resolve, 10))
const sorted = latencies.sort((a, b) => a - b)
const result: LoadResult = {
  requests: sorted.length,
  requestsPerSecond: sorted.length / seconds,
  p99Ms: Math.round(percentile(sorted, 0.99) * 100) / 100,
  maxMs: Math.round(percentile(sorted, 1) * 100) / 100,
  failed: failed + inFlight,
  sent,
}
process.stdout.write(`${JSON.stringify(result)}\n`)
process.exit(0)
