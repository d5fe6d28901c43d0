/**
 * Runs every benchmark under bench/ (or those named on the command line, e.g. `npm run bench -- scim-filter`), each in
 * a process of its own, prints the figures and rewrites the results section of docs/benchmarks.md.
 */
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BenchModule, BenchResult } from './types.js'

const here = dirname(fileURLToPath(import.meta.url))
const docPath = join(here, '..', 'docs', 'benchmarks.md')
const START = '<!-- bench:start -->'
const END = '<!-- bench:end -->'

const RESULTS = 'bench-results: '
const args = process.argv.slice(2)

if (args[0] === '--one') {
  // A child: runs one benchmark module and hands its figures to the parent.
  const mod = (await import(join(here, args[1]))) as BenchModule
  const results = await mod.run()
  process.stdout.write(`${RESULTS}${JSON.stringify(results)}\n`)
  process.exit(0)
}

const only = args
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort()

const sections: string[] = []
let failed = 0
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '')
  process.stdout.write(`\n== ${name}\n`)
  const results = await runInChild(file)
  for (const r of results) {
    if (r.pass === false) failed++
    process.stdout.write(
      `${r.name}: ${format(r.value)} ${r.unit}${r.target ? ` (target ${r.target}: ${verdict(r)})` : ''}\n`,
    )
  }
  sections.push(table(name, results))
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`
const body = [`Last run: ${new Date().toISOString()} on ${machine}.`, '', ...sections].join('\n')
const doc = readFileSync(docPath, 'utf8')
const from = doc.indexOf(START)
const to = doc.indexOf(END)
if (from >= 0 && to > from && only.length === 0) {
  writeFileSync(docPath, `${doc.slice(0, from + START.length)}\n${body}\n${doc.slice(to)}`)
  process.stdout.write(`\nWrote ${docPath}\n`)
}
process.stdout.write(`\n${failed === 0 ? 'All targets met.' : `${failed} target(s) missed.`}\n`)

/**
 * Runs one benchmark module in a process of its own, so that no benchmark inherits another's heap (the engine's peak
 * RSS would otherwise include what the directory benchmark left behind) or JIT state.
 */
async function runInChild(file: string): Promise<BenchResult[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--one', file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString()
  })
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  const line = out.split('\n').find((l) => l.startsWith(RESULTS))
  if (code !== 0 || !line) throw new Error(`the ${file} benchmark failed (exit code ${code}):\n${out}`)
  return JSON.parse(line.slice(RESULTS.length)) as BenchResult[]
}

function table(name: string, results: BenchResult[]): string {
  const rows = results.map(
    (r) => `| ${r.name} | ${format(r.value)} ${r.unit} | ${r.target ?? ''} | ${verdict(r)} |`,
  )
  return [
    `### ${name}`,
    '',
    '| measure | value | target | met |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n')
}

function verdict(r: BenchResult): string {
  return r.pass === undefined ? '' : r.pass ? 'yes' : 'no'
}

function format(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US')
  return n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toPrecision(3)
}
