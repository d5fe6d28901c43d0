import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseConfig } from '../../src/db/database.js'
import type { DirectoryChange } from '../../src/directory/index.js'
import { TEST_DATABASES } from '../support/databases.js'
import { type DirectoryFixture, directoryFixture } from './directory-fixture.js'

describe.each(TEST_DATABASES)('$name: directory change feed', (kind) => {
  let f: DirectoryFixture
  beforeAll(async () => {
    f = await directoryFixture(kind)
  })
  afterAll(() => f.drop())

  it('starts at 0 and records each kind of user and group change in order', async () => {
    expect(await f.directory.latestSequence()).toBe(0)
    expect(await f.directory.changesSince(0)).toEqual([])
    const u = await f.directory.createUser({ userPrincipalName: 'feed@example.com' })
    const g = await f.directory.createGroup({ displayName: 'Feed' })
    await f.directory.updateUser(u.id, { department: 'R&D' })
    await f.directory.addMember(g.id, u.id)
    await f.directory.deleteUser(u.id)
    await f.directory.restoreUser(u.id)
    await f.directory.removeMember(g.id, u.id)
    await f.directory.deleteGroup(g.id, { hard: true })
    const changes = await f.directory.changesSince(0)
    expect(changes.map((c) => [c.objectType, c.objectId, c.kind, c.attributes, c.memberId])).toEqual([
      ['user', u.id, 'created', [], null],
      ['group', g.id, 'created', [], null],
      ['user', u.id, 'updated', ['department'], null],
      ['group', g.id, 'member-added', [], u.id],
      ['user', u.id, 'soft-deleted', [], null],
      ['user', u.id, 'restored', [], null],
      ['group', g.id, 'member-removed', [], u.id],
      ['group', g.id, 'hard-deleted', [], null],
    ])
    const sequences = changes.map((c) => c.sequence)
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b))
    expect(new Set(sequences).size).toBe(sequences.length)
    expect(await f.directory.latestSequence()).toBe(sequences.at(-1))
    expect(changes[0].at).toBe('2026-01-01T00:00:00.000Z')
  })

  it('pages with a limit and resumes from the last sequence read', async () => {
    const all = await f.directory.changesSince(0)
    const first = await f.directory.changesSince(0, 3)
    const rest = await f.directory.changesSince(first.at(-1)!.sequence)
    expect([...first, ...rest]).toEqual(all)
  })

  it.runIf(kind.name === 'postgres')(
    'makes writers wait while another transaction holds an uncommitted change',
    async () => {
      const slow = new pg.Client({
        connectionString: (f.config as Extract<DatabaseConfig, { kind: 'postgres' }>).url,
      })
      await slow.connect()
      try {
        const before = await f.directory.latestSequence()
        await slow.query('begin')
        const inserted = await slow.query(
          `insert into directory_changes (at, object_type, object_id, kind) values ('2026-01-01T00:00:00.000Z', 'user', 'slow', 'updated') returning sequence`,
        )
        const creating = f.directory.createUser({ userPrincipalName: 'after-slow@example.com' })
        await new Promise((resolve) => setTimeout(resolve, 300))
        expect(await f.directory.changesSince(before)).toEqual([])
        await slow.query('commit')
        const user = await creating
        const changes = await f.directory.changesSince(before)
        expect(changes.map((c) => [c.sequence, c.objectId])).toEqual([
          [Number(inserted.rows[0].sequence), 'slow'],
          [Number(inserted.rows[0].sequence) + 1, user.id],
        ])
      } finally {
        await slow.end()
      }
    },
  )

  it('never lets a reader that follows the feed miss a change made by concurrent writers', async () => {
    const start = await f.directory.latestSequence()
    const seen: DirectoryChange[] = []
    let watermark = start
    let writing = true
    const reader = (async () => {
      while (writing) {
        const page = await f.directory.changesSince(watermark, 7)
        seen.push(...page)
        if (page.length > 0) watermark = page.at(-1)!.sequence
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        f.directory.createUser({ userPrincipalName: `c${i}@example.com` }),
      ),
    )
    writing = false
    await reader
    for (;;) {
      const page = await f.directory.changesSince(watermark)
      if (page.length === 0) break
      seen.push(...page)
      watermark = page.at(-1)!.sequence
    }
    const committed = await f.directory.changesSince(start, 1000)
    expect(committed).toHaveLength(40)
    expect(seen.map((c) => c.sequence)).toEqual(committed.map((c) => c.sequence))
  })
})
