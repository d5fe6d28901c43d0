import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const MAIN = join(import.meta.dirname, '../../src/cli/main.ts')

/** Waits until the child prints a line matching `pattern`; rejects when it exits first. */
function waitFor(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = pattern.exec(out)
      if (match) resolve(match[0])
    })
    child.on('exit', (code) => reject(new Error(`exited with ${code} before printing ${pattern}: ${out}`)))
  })
}

describe('provisio serve', { timeout: 120_000 }, () => {
  let child: ChildProcess | undefined
  let dir: string | undefined
  afterEach(() => {
    child?.kill('SIGKILL')
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('starts on the given port with a fresh data directory, answers SCIM, and stops cleanly on SIGTERM', async () => {
    dir = mkdtempSync(join(tmpdir(), 'provisio-serve-'))
    child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve', '--port', '0', '--data', dir], {
      env: { ...process.env, LOG_LEVEL: 'silent', PORT: '', HOST: '' },
    })
    const line = await waitFor(child, /listening on (http:\/\/\S+)/)
    const url = line.replace('listening on ', '')
    const res = await fetch(`${url}/scim/v2/Users`)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="Provisio SCIM"')
    const exited = new Promise<number | null>((resolve) => child?.on('exit', resolve))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  })
})
