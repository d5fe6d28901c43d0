import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DEFAULT_ACCESS_ROLE_ID,
  type DirectoryApp,
  type DirectoryGroup,
  type DirectoryUser,
  USER_ROLE_ID,
} from '../../src/directory/index.js'
import { TEST_DATABASES } from '../support/databases.js'
import { type DirectoryFixture, directoryFixture } from './directory-fixture.js'

describe.each(TEST_DATABASES)('$name: directory apps and assignments', (kind) => {
  let f: DirectoryFixture
  let app: DirectoryApp
  let ada: DirectoryUser
  let bob: DirectoryUser
  let cy: DirectoryUser
  let staff: DirectoryGroup
  let team: DirectoryGroup

  beforeAll(async () => {
    f = await directoryFixture(kind)
    ada = await f.directory.createUser({ userPrincipalName: 'ada@example.com' })
    bob = await f.directory.createUser({ userPrincipalName: 'bob@example.com' })
    cy = await f.directory.createUser({ userPrincipalName: 'cy@example.com' })
    staff = await f.directory.createGroup({ displayName: 'Staff' })
    team = await f.directory.createGroup({ displayName: 'Team' })
    await f.directory.addMember(staff.id, team.id)
    await f.directory.addMember(team.id, bob.id)
    await f.directory.addMember(staff.id, cy.id)
    app = await f.directory.addApp({
      name: 'Employee Voice',
      templateId: 'employee-voice',
      roles: [{ id: 'admin', name: 'Admin', value: 'Admin', description: 'Administers' }],
    })
  })
  afterAll(() => f.drop())

  it('gives every app the User and Default Access roles, then the template roles', async () => {
    expect((await f.directory.appRoles(app.id)).map((r) => [r.id, r.name, r.value])).toEqual([
      [USER_ROLE_ID, 'User', 'User'],
      [DEFAULT_ACCESS_ROLE_ID, 'Default Access', 'msiam_access'],
      ['admin', 'Admin', 'Admin'],
    ])
    const added = await f.directory.addAppRole(app.id, { name: 'Viewer', value: 'viewer' })
    expect(added.id).toMatch(/^id-/)
    expect((await f.directory.findAppRole(app.id, 'VIEWER'))?.id).toBe(added.id)
    expect((await f.directory.findAppRole(app.id, 'default access'))?.id).toBe(DEFAULT_ACCESS_ROLE_ID)
    expect((await f.directory.addAppRole(app.id, { name: 'admin' }).catch((e) => e)).code).toBe(
      'DIRECTORY_CONFLICT',
    )
  })

  it('finds apps by name ignoring case and refuses a duplicate name', async () => {
    expect(await f.directory.getAppByName('employee voice')).toEqual(app)
    expect((await f.directory.addApp({ name: 'EMPLOYEE VOICE', templateId: 'x' }).catch((e) => e)).code).toBe(
      'DIRECTORY_CONFLICT',
    )
    expect((await f.directory.addApp({ name: '', templateId: 'x' }).catch((e) => e)).code).toBe(
      'DIRECTORY_INVALID_INPUT',
    )
    expect((await f.directory.listApps()).map((a) => a.name)).toEqual(['Employee Voice'])
  })

  it('assigns with the User role by default, records it, and changes the role on re-assignment', async () => {
    const since = await f.directory.latestSequence()
    const a = await f.directory.assign(app.id, { userId: ada.id })
    expect(a).toMatchObject({ principalId: ada.id, principalType: 'user', roleId: USER_ROLE_ID })
    await f.directory.assign(app.id, { userId: ada.id })
    await f.directory.assign(app.id, { userId: ada.id }, 'admin')
    await f.directory.assign(app.id, { groupId: staff.id }, DEFAULT_ACCESS_ROLE_ID)
    expect(
      (await f.directory.changesSince(since)).map((c) => [
        c.kind,
        c.objectType,
        c.objectId,
        c.appId,
        c.roleId,
      ]),
    ).toEqual([
      ['assigned', 'user', ada.id, app.id, USER_ROLE_ID],
      ['role-changed', 'user', ada.id, app.id, 'admin'],
      ['assigned', 'group', staff.id, app.id, DEFAULT_ACCESS_ROLE_ID],
    ])
    expect((await f.directory.assignments(app.id)).map((x) => [x.principalId, x.roleId])).toEqual(
      [
        [ada.id, 'admin'],
        [staff.id, DEFAULT_ACCESS_ROLE_ID],
      ].sort((x, y) => x[0].localeCompare(y[0])),
    )
  })

  it('rejects unknown roles, apps and principals', async () => {
    expect((await f.directory.assign(app.id, { userId: ada.id }, 'nope').catch((e) => e)).code).toBe(
      'DIRECTORY_NOT_FOUND',
    )
    expect((await f.directory.assign('nope', { userId: ada.id }).catch((e) => e)).code).toBe(
      'DIRECTORY_NOT_FOUND',
    )
    expect((await f.directory.assign(app.id, { userId: staff.id }).catch((e) => e)).code).toBe(
      'DIRECTORY_NOT_FOUND',
    )
    expect((await f.directory.assign(app.id, {} as never).catch((e) => e)).code).toBe(
      'DIRECTORY_INVALID_INPUT',
    )
  })

  it('lists users in scope directly and through nested groups, with every role and where it comes from', async () => {
    await f.directory.assign(app.id, { groupId: team.id }, 'admin')
    expect(await f.directory.assignedUsers(app.id)).toEqual(
      [
        {
          userId: ada.id,
          roles: [{ roleId: 'admin', roleName: 'Admin', roleValue: 'Admin', via: 'direct' }],
        },
        {
          userId: bob.id,
          roles: [
            { roleId: 'admin', roleName: 'Admin', roleValue: 'Admin', via: team.id },
            {
              roleId: DEFAULT_ACCESS_ROLE_ID,
              roleName: 'Default Access',
              roleValue: 'msiam_access',
              via: staff.id,
            },
          ],
        },
        {
          userId: cy.id,
          roles: [
            {
              roleId: DEFAULT_ACCESS_ROLE_ID,
              roleName: 'Default Access',
              roleValue: 'msiam_access',
              via: staff.id,
            },
          ],
        },
      ].sort((x, y) => x.userId.localeCompare(y.userId)),
    )
    for (const user of await f.directory.assignedUsers(app.id)) {
      expect(await f.directory.userAppRoles(app.id, user.userId)).toEqual(user.roles)
      expect(await f.directory.isUserAssigned(app.id, user.userId)).toBe(true)
    }
  })

  it('drops users from scope when unassigned, soft-deleted, or removed from the group', async () => {
    const outsider = await f.directory.createUser({ userPrincipalName: 'out@example.com' })
    expect(await f.directory.isUserAssigned(app.id, outsider.id)).toBe(false)
    expect(await f.directory.userAppRoles(app.id, outsider.id)).toEqual([])
    await f.directory.deleteUser(cy.id)
    expect(await f.directory.isUserAssigned(app.id, cy.id)).toBe(false)
    await f.directory.removeMember(staff.id, team.id)
    expect((await f.directory.userAppRoles(app.id, bob.id)).map((r) => r.via)).toEqual([team.id])
    const since = await f.directory.latestSequence()
    await f.directory.unassign(app.id, team.id)
    await f.directory.unassign(app.id, team.id)
    expect(await f.directory.isUserAssigned(app.id, bob.id)).toBe(false)
    expect((await f.directory.changesSince(since)).map((c) => [c.kind, c.objectId, c.roleId])).toEqual([
      ['unassigned', team.id, 'admin'],
    ])
    expect((await f.directory.assignedUsers(app.id)).map((u) => u.userId)).toEqual([ada.id])
  })

  it('deletes an app with its roles and assignments, recording each unassignment', async () => {
    const since = await f.directory.latestSequence()
    await f.directory.deleteApp(app.id)
    expect(await f.directory.getApp(app.id)).toBeUndefined()
    expect(await f.directory.appRoles(app.id)).toEqual([])
    expect(await f.directory.assignments(app.id)).toEqual([])
    expect((await f.directory.changesSince(since)).map((c) => c.kind)).toEqual(['unassigned', 'unassigned'])
    expect((await f.directory.deleteApp(app.id).catch((e) => e)).code).toBe('DIRECTORY_NOT_FOUND')
  })
})
