import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DirectoryError } from '../../src/directory/index.js'
import { TEST_DATABASES } from '../support/databases.js'
import { type DirectoryFixture, directoryFixture } from './directory-fixture.js'

describe.each(TEST_DATABASES)('$name: directory users', (kind) => {
  let f: DirectoryFixture
  beforeAll(async () => {
    f = await directoryFixture(kind)
  })
  afterAll(() => f.drop())

  it('creates a user with defaults and reads it back by id and by userPrincipalName ignoring case', async () => {
    const ada = await f.directory.createUser({
      userPrincipalName: 'Ada@Example.com',
      givenName: 'Ada',
      surname: 'Lovelace',
      businessPhones: ['+44 1'],
      extensionAttributes: { extensionAttribute1: 'E1' },
    })
    expect(ada).toMatchObject({ accountEnabled: true, mail: null, department: null, deletedAt: null })
    expect(await f.directory.getUser(ada.id)).toEqual(ada)
    expect(await f.directory.findUserByUpn('ada@EXAMPLE.com')).toEqual(ada)
  })

  it('refuses a second user with the same userPrincipalName in another case', async () => {
    const error = await f.directory.createUser({ userPrincipalName: 'ADA@example.com' }).catch((e) => e)
    expect(error).toBeInstanceOf(DirectoryError)
    expect(error.code).toBe('DIRECTORY_CONFLICT')
    expect(error.message).toContain('ADA@example.com')
  })

  it('rejects bad input with a message naming the attribute, and stores nothing', async () => {
    const before = await f.directory.latestSequence()
    const cases: [unknown, string][] = [
      [{ userPrincipalName: 'no-at-sign' }, 'userPrincipalName'],
      [{ userPrincipalName: 'x@y', accountEnabled: 'yes' }, 'accountEnabled'],
      [{ userPrincipalName: 'x@y', department: 5 }, 'department'],
      [{ userPrincipalName: 'x@y', shoeSize: '42' }, 'shoeSize'],
      [{ userPrincipalName: 'x@y', managerId: 'nobody' }, 'managerId'],
      [{}, 'userPrincipalName'],
    ]
    for (const [input, attribute] of cases) {
      const error = await f.directory.createUser(input as never).catch((e) => e)
      expect(error.code).toBe('DIRECTORY_INVALID_INPUT')
      expect(error.message).toContain(attribute)
    }
    expect(await f.directory.findUserByUpn('x@y')).toBeUndefined()
    expect(await f.directory.latestSequence()).toBe(before)
  })

  it('updates only what changed and records exactly those attribute names', async () => {
    const u = await f.directory.createUser({ userPrincipalName: 'grace@example.com', department: 'Navy' })
    const since = await f.directory.latestSequence()
    const updated = await f.directory.updateUser(u.id, {
      department: 'Navy',
      jobTitle: 'Rear Admiral',
      extensionAttributes: { extensionAttribute2: 'x', missing: null },
    })
    expect(updated).toMatchObject({
      department: 'Navy',
      jobTitle: 'Rear Admiral',
      extensionAttributes: { extensionAttribute2: 'x' },
    })
    const changes = await f.directory.changesSince(since)
    expect(changes.map((c) => [c.kind, c.objectId, c.attributes])).toEqual([
      ['updated', u.id, ['jobTitle', 'extensionAttributes.extensionAttribute2']],
    ])
  })

  it('writes no change row for an update that changes nothing', async () => {
    const u = await f.directory.createUser({ userPrincipalName: 'noop@example.com', city: 'Paris' })
    const since = await f.directory.latestSequence()
    const same = await f.directory.updateUser(u.id, {
      city: 'Paris',
      accountEnabled: true,
      extensionAttributes: {},
    })
    expect(same).toEqual(u)
    expect(await f.directory.changesSince(since)).toEqual([])
  })

  it('sets and clears a manager, and refuses a user as their own manager', async () => {
    const boss = await f.directory.createUser({ userPrincipalName: 'boss@example.com' })
    const report = await f.directory.createUser({
      userPrincipalName: 'report@example.com',
      managerId: boss.id,
    })
    expect(report.managerId).toBe(boss.id)
    const self = await f.directory.updateUser(report.id, { managerId: report.id }).catch((e) => e)
    expect(self.code).toBe('DIRECTORY_INVALID_INPUT')
    expect((await f.directory.updateUser(report.id, { managerId: null })).managerId).toBeNull()
  })

  it('soft-deletes, hides from lists, refuses changes, and restores within 30 days', async () => {
    const u = await f.directory.createUser({ userPrincipalName: 'soft@example.com' })
    await f.directory.deleteUser(u.id)
    expect((await f.directory.getUser(u.id))?.deletedAt).toBe('2026-01-01T00:00:00.000Z')
    expect((await f.directory.listUsers({ limit: 10_000 })).map((x) => x.id)).not.toContain(u.id)
    expect((await f.directory.listUsers({ includeDeleted: true, limit: 10_000 })).map((x) => x.id)).toContain(
      u.id,
    )
    expect((await f.directory.updateUser(u.id, { city: 'Rome' }).catch((e) => e)).code).toBe(
      'DIRECTORY_CONFLICT',
    )
    f.advance(29)
    const restored = await f.directory.restoreUser(u.id)
    expect(restored.deletedAt).toBeNull()
    expect((await f.directory.getUser(u.id))?.deletedAt).toBeNull()
  })

  it('refuses to restore after 30 days and purges then', async () => {
    const u = await f.directory.createUser({ userPrincipalName: 'old@example.com' })
    await f.directory.deleteUser(u.id)
    f.advance(30.001)
    const error = await f.directory.restoreUser(u.id).catch((e) => e)
    expect(error.code).toBe('DIRECTORY_NOT_RESTORABLE')
    expect(error.message).toContain('old@example.com')
    const since = await f.directory.latestSequence()
    const purged = await f.directory.purgeExpired()
    expect(purged.users).toBeGreaterThanOrEqual(1)
    expect(await f.directory.getUser(u.id)).toBeUndefined()
    const changes = await f.directory.changesSince(since)
    expect(changes.filter((c) => c.objectId === u.id).map((c) => c.kind)).toEqual(['hard-deleted'])
    expect((await f.directory.restoreUser(u.id).catch((e) => e)).code).toBe('DIRECTORY_NOT_FOUND')
  })

  it('hard-deletes a user: clears the manager of reports, removes memberships and assignments, records each', async () => {
    const boss = await f.directory.createUser({ userPrincipalName: 'hard-boss@example.com' })
    const report = await f.directory.createUser({
      userPrincipalName: 'hard-report@example.com',
      managerId: boss.id,
    })
    const group = await f.directory.createGroup({ displayName: 'Hard group' })
    await f.directory.addMember(group.id, boss.id)
    const app = await f.directory.addApp({ name: 'Hard app', templateId: 'generic-scim' })
    await f.directory.assign(app.id, { userId: boss.id })
    const since = await f.directory.latestSequence()
    await f.directory.deleteUser(boss.id, { hard: true })
    expect(await f.directory.getUser(boss.id)).toBeUndefined()
    expect((await f.directory.getUser(report.id))?.managerId).toBeNull()
    expect(await f.directory.members(group.id)).toEqual([])
    expect(await f.directory.assignments(app.id)).toEqual([])
    const changes = await f.directory.changesSince(since)
    expect(changes.map((c) => [c.kind, c.objectId, c.memberId ?? c.appId ?? c.attributes.join()])).toEqual([
      ['member-removed', group.id, boss.id],
      ['unassigned', boss.id, app.id],
      ['updated', report.id, 'managerId'],
      ['hard-deleted', boss.id, ''],
    ])
  })

  it('pages through users by id without loading them all', async () => {
    const all = await f.directory.listUsers({ limit: 10_000 })
    const seen: string[] = []
    let afterId: string | undefined
    for (;;) {
      const page = await f.directory.listUsers({ afterId, limit: 2 })
      if (page.length === 0) break
      expect(page.length).toBeLessThanOrEqual(2)
      seen.push(...page.map((u) => u.id))
      afterId = page.at(-1)!.id
    }
    expect(seen).toEqual(all.map((u) => u.id))
    expect(seen).toEqual([...seen].sort())
  })

  it('reports a missing user as DIRECTORY_NOT_FOUND', async () => {
    expect((await f.directory.updateUser('nope', { city: 'x' }).catch((e) => e)).code).toBe(
      'DIRECTORY_NOT_FOUND',
    )
    expect((await f.directory.deleteUser('nope').catch((e) => e)).code).toBe('DIRECTORY_NOT_FOUND')
    expect(await f.directory.getUser('nope')).toBeUndefined()
  })
})
