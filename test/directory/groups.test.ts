import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DirectoryGroup, DirectoryUser } from '../../src/directory/index.js'
import { TEST_DATABASES } from '../support/databases.js'
import { type DirectoryFixture, directoryFixture } from './directory-fixture.js'

describe.each(TEST_DATABASES)('$name: directory groups and memberships', (kind) => {
  let f: DirectoryFixture
  let ada: DirectoryUser
  let bob: DirectoryUser
  let cy: DirectoryUser
  let outer: DirectoryGroup
  let middle: DirectoryGroup
  let inner: DirectoryGroup

  beforeAll(async () => {
    f = await directoryFixture(kind)
    ada = await f.directory.createUser({ userPrincipalName: 'ada@example.com' })
    bob = await f.directory.createUser({ userPrincipalName: 'bob@example.com' })
    cy = await f.directory.createUser({ userPrincipalName: 'cy@example.com' })
    outer = await f.directory.createGroup({ displayName: 'Outer', description: 'everyone' })
    middle = await f.directory.createGroup({ displayName: 'Middle' })
    inner = await f.directory.createGroup({ displayName: 'Inner' })
  })
  afterAll(() => f.drop())

  it('finds groups by displayName ignoring case and refuses a duplicate name', async () => {
    expect(await f.directory.findGroupByName('OUTER')).toEqual(outer)
    const error = await f.directory.createGroup({ displayName: 'outer' }).catch((e) => e)
    expect(error.code).toBe('DIRECTORY_CONFLICT')
    expect((await f.directory.createGroup({ displayName: '  ' }).catch((e) => e)).code).toBe(
      'DIRECTORY_INVALID_INPUT',
    )
  })

  it('updates a group, recording only changed attributes, and nothing for a no-op', async () => {
    const since = await f.directory.latestSequence()
    await f.directory.updateGroup(outer.id, { description: 'everyone' })
    expect(await f.directory.changesSince(since)).toEqual([])
    const changed = await f.directory.updateGroup(outer.id, {
      description: 'all staff',
      mailNickname: 'staff',
    })
    expect(changed).toMatchObject({ description: 'all staff', mailNickname: 'staff' })
    expect((await f.directory.changesSince(since)).map((c) => [c.kind, c.attributes])).toEqual([
      ['updated', ['description', 'mailNickname']],
    ])
  })

  it('nests groups and lists direct members, groupsOf and transitive users', async () => {
    await f.directory.addMember(outer.id, ada.id)
    await f.directory.addMember(outer.id, middle.id)
    await f.directory.addMember(middle.id, inner.id)
    await f.directory.addMember(middle.id, bob.id)
    await f.directory.addMember(inner.id, cy.id)
    await f.directory.addMember(inner.id, ada.id)
    expect(await f.directory.members(outer.id)).toEqual(
      [
        { id: ada.id, type: 'user' },
        { id: middle.id, type: 'group' },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    )
    expect((await f.directory.groupsOf(ada.id)).map((g) => g.displayName).sort()).toEqual(['Inner', 'Outer'])
    expect(await f.directory.transitiveUserIds(outer.id)).toEqual([ada.id, bob.id, cy.id].sort())
    expect(await f.directory.transitiveUserIds(inner.id)).toEqual([ada.id, cy.id].sort())
  })

  it('treats adding an existing member as a no-op', async () => {
    const since = await f.directory.latestSequence()
    await f.directory.addMember(outer.id, ada.id)
    expect(await f.directory.changesSince(since)).toEqual([])
  })

  it('rejects nesting that would make a cycle, with a typed error, and changes nothing', async () => {
    const since = await f.directory.latestSequence()
    for (const [group, member] of [
      [inner.id, outer.id],
      [inner.id, middle.id],
      [middle.id, middle.id],
    ]) {
      const error = await f.directory.addMember(group, member).catch((e) => e)
      expect(error.code).toBe('DIRECTORY_MEMBERSHIP_CYCLE')
    }
    expect(await f.directory.changesSince(since)).toEqual([])
    expect(await f.directory.members(inner.id)).toHaveLength(2)
  })

  it('leaves soft-deleted users and groups out of relationship reads, and back in on restore', async () => {
    await f.directory.deleteUser(bob.id)
    expect(await f.directory.transitiveUserIds(outer.id)).toEqual([ada.id, cy.id].sort())
    await f.directory.deleteGroup(inner.id)
    expect(await f.directory.transitiveUserIds(outer.id)).toEqual([ada.id])
    expect(await f.directory.transitiveUserIds(inner.id)).toEqual([ada.id, cy.id].sort())
    expect(await f.directory.members(outer.id)).toEqual(
      [
        { id: ada.id, type: 'user' },
        { id: middle.id, type: 'group' },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    )
    expect((await f.directory.groupsOf(ada.id)).map((g) => g.displayName)).toEqual(['Outer'])
    expect((await f.directory.addMember(inner.id, bob.id).catch((e) => e)).code).toBe('DIRECTORY_CONFLICT')
    await f.directory.restoreGroup(inner.id)
    await f.directory.restoreUser(bob.id)
    expect(await f.directory.transitiveUserIds(outer.id)).toEqual([ada.id, bob.id, cy.id].sort())
  })

  it('removes a member (recorded once) and treats removing a non-member as a no-op', async () => {
    const since = await f.directory.latestSequence()
    await f.directory.removeMember(inner.id, ada.id)
    await f.directory.removeMember(inner.id, ada.id)
    expect(
      (await f.directory.changesSince(since)).map((c) => [c.kind, c.objectId, c.memberId, c.memberType]),
    ).toEqual([['member-removed', inner.id, ada.id, 'user']])
  })

  it('hard-deletes a group with its memberships both ways, recording each', async () => {
    const since = await f.directory.latestSequence()
    await f.directory.deleteGroup(middle.id, { hard: true })
    expect(await f.directory.getGroup(middle.id)).toBeUndefined()
    expect(await f.directory.members(outer.id)).toEqual([{ id: ada.id, type: 'user' }])
    const changes = await f.directory.changesSince(since)
    expect(changes.map((c) => [c.kind, c.objectId, c.memberId])).toEqual(
      expect.arrayContaining([
        ['member-removed', outer.id, middle.id],
        ['member-removed', middle.id, bob.id],
        ['member-removed', middle.id, inner.id],
      ]),
    )
    expect(changes.at(-1)).toMatchObject({ kind: 'hard-deleted', objectType: 'group', objectId: middle.id })
    expect(changes).toHaveLength(4)
  })

  it('refuses to restore a group after 30 days', async () => {
    const g = await f.directory.createGroup({ displayName: 'Old group' })
    await f.directory.deleteGroup(g.id)
    f.advance(31)
    expect((await f.directory.restoreGroup(g.id).catch((e) => e)).code).toBe('DIRECTORY_NOT_RESTORABLE')
    expect((await f.directory.purgeExpired()).groups).toBe(1)
    expect(await f.directory.getGroup(g.id)).toBeUndefined()
  })
})
