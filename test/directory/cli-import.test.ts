import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command, CommanderError } from 'commander'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { registerDirectoryCommands } from '../../src/cli/commands/directory.js'
import { openDatabase } from '../../src/db/database.js'
import { openDirectory } from '../../src/directory/index.js'

const CSV =
  'userPrincipalName,givenName,manager,accountEnabled\nada@x.com,Ada,,true\nbob@x.com,Bob,ada@x.com,true\n'

/** Runs `provisio directory …` in this process; returns what it printed and its exit code. */
async function run(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const program = new Command('provisio').exitOverride().showHelpAfterError('(run with --help for usage)')
  let out = ''
  let err = ''
  program.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) })
  registerDirectoryCommands(program)
  for (const command of program.commands.flatMap((c) => [c, ...c.commands])) {
    command.exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) })
  }
  const log = vi.spyOn(console, 'log').mockImplementation((s: unknown) => {
    out += `${s}\n`
  })
  const previous = process.exitCode
  process.exitCode = undefined
  let code = 0
  try {
    await program.parseAsync(['directory', ...args], { from: 'user' })
    code = Number(process.exitCode ?? 0)
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error
    code = error.exitCode
  } finally {
    process.exitCode = previous
    log.mockRestore()
  }
  return { out, err, code }
}

describe('provisio directory import', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'provisio-cli-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  afterEach(() => vi.restoreAllMocks())

  it('imports a CSV file into the data directory and prints a summary', async () => {
    const file = join(dir, 'people.csv')
    writeFileSync(file, CSV)
    const first = await run('import', file, '--data', join(dir, 'data'))
    expect(first).toMatchObject({ code: 0, err: '' })
    expect(first.out).toContain('2 created, 0 updated, 0 unchanged, 0 failed')
    const again = await run('import', file, '--data', join(dir, 'data'), '--json')
    expect(JSON.parse(again.out)).toEqual({ created: 0, updated: 0, unchanged: 2, errors: [] })

    const database = await openDatabase({ kind: 'sqlite', file: join(dir, 'data', 'provisio.db') })
    try {
      const directory = openDirectory(database)
      const ada = await directory.findUserByUpn('ada@x.com')
      expect((await directory.findUserByUpn('bob@x.com'))?.managerId).toBe(ada?.id)
    } finally {
      await database.close()
    }
  })

  it('imports JSON, lists failed rows, and exits with 1 when a row failed', async () => {
    const file = join(dir, 'org.json')
    writeFileSync(
      file,
      JSON.stringify({
        users: [
          { userPrincipalName: 'cy@x.com', manager: 'nobody@x.com' },
          { userPrincipalName: 'dee@x.com' },
        ],
        groups: [{ displayName: 'Team', members: ['dee@x.com', 'ada@x.com'] }],
      }),
    )
    const result = await run('import', file, '--data', join(dir, 'data'))
    expect(result.code).toBe(1)
    expect(result.out).toContain('2 created, 0 updated, 0 unchanged, 1 failed')
    expect(result.out).toContain('users row 1 (cy@x.com): unknown manager nobody@x.com')
  })

  it('says what to type for a file it cannot read or whose format it cannot tell', async () => {
    const odd = join(dir, 'people.txt')
    writeFileSync(odd, CSV)
    const unknownFormat = await run('import', odd, '--data', join(dir, 'data'))
    expect(unknownFormat.code).toBe(2)
    expect(unknownFormat.err).toContain('--format json|csv')
    expect((await run('import', odd, '--format', 'csv', '--data', join(dir, 'data'))).code).toBe(0)
    const missing = await run('import', join(dir, 'nope.csv'), '--data', join(dir, 'data'))
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('cannot read')
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, '{"people": []}')
    const invalid = await run('import', bad, '--data', join(dir, 'data'))
    expect(invalid.code).toBe(1)
    expect(invalid.err).toContain('"users" and "groups"')
    const noFile = await run('import')
    expect(noFile.code).toBe(1)
    expect(noFile.err).toContain("missing required argument 'file'")
    const badUrl = await run('import', join(dir, 'people.csv'), '--database-url', 'mysql://x')
    expect(badUrl.code).toBe(2)
    expect(badUrl.err).toContain('postgres://')
  })

  it('prints help', async () => {
    const help = await run('import', '--help')
    expect(help.out).toContain('Usage: provisio directory import [options] <file>')
    expect(help.out).toContain('--database-url')
  })

  it('runs as the provisio command', { timeout: 120_000 }, () => {
    const file = join(dir, 'spawned.csv')
    writeFileSync(file, 'userPrincipalName\neve@x.com\n')
    const child = spawnSync(
      'npx',
      ['tsx', 'src/cli/main.ts', 'directory', 'import', file, '--data', join(dir, 'data'), '--json'],
      {
        encoding: 'utf8',
        env: { ...process.env, PROVISIO_DATA: '', DATABASE_URL: '' },
      },
    )
    expect(child.stderr).toBe('')
    expect(JSON.parse(child.stdout)).toEqual({ created: 1, updated: 0, unchanged: 0, errors: [] })
    expect(child.status).toBe(0)
  })
})
