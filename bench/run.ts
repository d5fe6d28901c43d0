/**
 * Runs every benchmark under bench/ (or those named on the command line, e.g. `npm run bench -- scim-filter`),
 * prints the figures and rewrites the results section of docs/benchmarks.md.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BenchModule, BenchResult } from './types.js'

const here = dirname(fileURLToPath(import.meta.url))
const docPath = join(here, '..', 'docs', 'benchmarks.md')
const START = '<!-- bench:start -->'
const END = '<!-- bench:end -->'

const only = process.argv.slice(2)
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort()

const sections: string[] = []
let failed = 0
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '')
  process.stdout.write(`\n== ${name}\n`)
  const mod = (await import(join(here, file))) as BenchModule
  const results: BenchResult[] = await mod.run()
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
