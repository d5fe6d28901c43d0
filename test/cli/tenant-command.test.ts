import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/server/config.js'
import { type RunningServer, startServer } from '../../src/server/start-server.js'

const run = promisify(execFile)
const MAIN = join(import.meta.dirname, '../../src/cli/main.ts')

/** Runs `provisio …` in a child process; resolves with its exit code and output. */
async function provisio(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      env: { ...process.env, PORT: '', HOST: '', DATABASE_URL: '', PROVISIO_PUBLIC_URL: '' },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

// Each CLI run starts a Node process with tsx: seconds apiece on a busy machine.
describe('provisio tenant, against the data directory of a running server', { timeout: 180_000 }, () => {
  let dir: string
  let server: RunningServer
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'provisio-cli-'))
    server = await startServer(loadConfig({ port: 0, data: dir, rateLimit: 0 }, { LOG_LEVEL: 'silent' }))
  })
  afterAll(async () => {
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('tenant create --json prints one JSON object whose token works on the running server', async () => {
    const out = await provisio('tenant', 'create', 'Acme Corp', '--json', '--data', dir, '--port', '9443')
    expect(out.code).toBe(0)
    const printed = JSON.parse(out.stdout)
    expect(Object.keys(printed).sort()).toEqual(['name', 'scimUrl', 'token'])
    expect(printed).toMatchObject({ name: 'Acme Corp', scimUrl: 'http://127.0.0.1:9443/scim/v2' })
    const res = await fetch(`${server.url}/scim/v2/Users`, {
      headers: { authorization: `Bearer ${printed.token}` },
    })
    expect(res.status).toBe(200)
  })

  it('tenant token --rotate issues a new token and revokes the old one', async () => {
    const first = JSON.parse(
      (await provisio('tenant', 'create', 'Rotate Ltd', '--json', '--data', dir)).stdout,
    )
    const out = await provisio(
      'tenant',
      'token',
      'rotate ltd',
      '--rotate',
      '--json',
      '--data',
      dir,
      '--public-url',
      'https://scim.example.com/',
    )
    expect(out.code).toBe(0)
    const second = JSON.parse(out.stdout)
    expect(second).toMatchObject({ name: 'Rotate Ltd', scimUrl: 'https://scim.example.com/scim/v2' })
    expect(second.token).not.toBe(first.token)
    const res = await fetch(`${server.url}/scim/v2/Users`, {
      headers: { authorization: `Bearer ${second.token}` },
    })
    expect(res.status).toBe(200)
    expect(await server.store.tenants.authenticate(first.token)).toBeUndefined()
  })

  it('prints the URL and token for people without --json', async () => {
    const out = await provisio('tenant', 'create', 'Plain Inc', '--data', dir)
    expect(out.code).toBe(0)
    expect(out.stdout).toContain('SCIM 2.0 URL:  http://127.0.0.1:8080/scim/v2')
    expect(out.stdout).toMatch(/Bearer token: {2}\S+/)
  })

  it('says clearly what is wrong with the arguments', async () => {
    const twice = await provisio('tenant', 'create', 'acme corp', '--data', dir)
    expect(twice.code).toBe(1)
    expect(twice.stderr).toContain('already exists')
    const noRotate = await provisio('tenant', 'token', 'Acme Corp', '--data', dir)
    expect(noRotate.code).toBe(2)
    expect(noRotate.stderr).toContain('--rotate')
    const unknown = await provisio('tenant', 'token', 'Nobody', '--rotate', '--data', dir)
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('no tenant named "Nobody"')
    const badPort = await provisio('tenant', 'create', 'Port Co', '--port', 'eighty', '--data', dir)
    expect(badPort.code).toBe(2)
    expect(badPort.stderr).toContain('--port must be a port number')
    const badUrl = await provisio('tenant', 'create', 'Db Co', '--database-url', 'mysql://x', '--data', dir)
    expect(badUrl.code).toBe(2)
    expect(badUrl.stderr).toContain('postgres://')
  })
})
