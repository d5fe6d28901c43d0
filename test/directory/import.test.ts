import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importDirectory, parseImportCsv, parseImportJson } from '../../src/directory/index.js'
import { TEST_DATABASES } from '../support/databases.js'
import { type DirectoryFixture, directoryFixture } from './directory-fixture.js'

const CSV = `userPrincipalName,givenName,surname,mail,department,manager,accountEnabled,extensionAttribute3,businessPhones
ada@example.com,Ada,Lovelace,ada@example.com,R&D,,true,E3,+44 1;+44 2
bob@example.com,Bob,Babbage,bob@example.com,R&D,ada@example.com,true,,
cy@example.com,Cy,Young,cy@example.com,Sales,bob@example.com,FALSE,,
`

describe.each(TEST_DATABASES)('$name: directory import', (kind) => {
  let f: DirectoryFixture
  beforeAll(async () => {
    f = await directoryFixture(kind)
  })
  afterAll(() => f.drop())

  it('creates users from CSV with managers resolved, booleans, phones and extension attributes', async () => {
    const result = await importDirectory(f.directory, parseImportCsv(CSV))
    expect(result).toEqual({ created: 3, updated: 0, unchanged: 0, errors: [] })
    const ada = await f.directory.findUserByUpn('ada@example.com')
    const bob = await f.directory.findUserByUpn('bob@example.com')
    const cy = await f.directory.findUserByUpn('cy@example.com')
    expect(ada).toMatchObject({
      givenName: 'Ada',
      department: 'R&D',
      managerId: null,
      accountEnabled: true,
      businessPhones: ['+44 1', '+44 2'],
      extensionAttributes: { extensionAttribute3: 'E3' },
    })
    expect(bob?.managerId).toBe(ada?.id)
    expect(cy).toMatchObject({ managerId: bob?.id, accountEnabled: false, extensionAttributes: {} })
  })

  it('re-importing the same file changes nothing and writes no change row', async () => {
    const since = await f.directory.latestSequence()
    expect(await importDirectory(f.directory, parseImportCsv(CSV))).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
      errors: [],
    })
    expect(await f.directory.changesSince(since)).toEqual([])
  })

  it('re-importing a changed file updates only the changed rows and attributes', async () => {
    const changed = CSV.replace('Cy,Young,cy@example.com,Sales', 'Cy,Young,cy@example.com,Marketing').replace(
      'bob@example.com,R&D,ada@example.com',
      'bob@example.com,R&D,cy@example.com',
    )
    const since = await f.directory.latestSequence()
    expect(await importDirectory(f.directory, parseImportCsv(changed))).toEqual({
      created: 0,
      updated: 2,
      unchanged: 1,
      errors: [],
    })
    const cy = await f.directory.findUserByUpn('cy@example.com')
    const bob = await f.directory.findUserByUpn('bob@example.com')
    expect((await f.directory.changesSince(since)).map((c) => [c.objectId, c.kind, c.attributes])).toEqual([
      [bob?.id, 'updated', ['managerId']],
      [cy?.id, 'updated', ['department']],
    ])
  })

  it('reports bad rows with their CSV line numbers and imports the others', async () => {
    const csv = `userPrincipalName,department,manager,accountEnabled
dan@example.com,Ops,,true
,Ops,,true
eve@example.com,Ops,nobody@example.com,true
fay@example.com,Ops,,yes
gus@example.com,Ops,eve@example.com,true
hal@example.com,Ops,dan@example.com,true
dan@EXAMPLE.com,Ops,,true
`
    const result = await importDirectory(f.directory, parseImportCsv(csv))
    expect(result.created).toBe(2)
    expect(result.errors.map((e) => [e.row, e.key])).toEqual([
      [3, undefined],
      [5, 'fay@example.com'],
      [8, 'dan@EXAMPLE.com'],
      [4, 'eve@example.com'],
      [6, 'gus@example.com'],
    ])
    expect(result.errors[0].message).toContain('userPrincipalName')
    expect(result.errors[1].message).toContain('accountEnabled')
    expect(result.errors[2].message).toContain('row 2')
    expect(result.errors[3].message).toContain('nobody@example.com')
    expect(result.errors[4].message).toContain('eve@example.com')
    expect(await f.directory.findUserByUpn('eve@example.com')).toBeUndefined()
    expect((await f.directory.findUserByUpn('hal@example.com'))?.managerId).toBe(
      (await f.directory.findUserByUpn('dan@example.com'))?.id,
    )
  })

  it('imports groups from JSON with nested members, then applies a changed member list as deltas', async () => {
    const file = {
      users: [
        {
          userPrincipalName: 'ivy@example.com',
          givenName: 'Ivy',
          extensionAttributes: { extension_app_costCenter: 'CC1' },
        },
      ],
      groups: [
        { displayName: 'Everyone', members: ['ada@example.com', 'Engineering'] },
        {
          displayName: 'Engineering',
          description: 'Builders',
          members: ['bob@example.com', 'IVY@example.com'],
        },
      ],
    }
    const first = await importDirectory(f.directory, parseImportJson(JSON.stringify(file)))
    expect(first).toEqual({ created: 3, updated: 0, unchanged: 0, errors: [] })
    const everyone = (await f.directory.findGroupByName('everyone'))!
    const engineering = (await f.directory.findGroupByName('Engineering'))!
    const ids = async (upns: string[]) =>
      Promise.all(upns.map(async (u) => (await f.directory.findUserByUpn(u))!.id)).then((x) => x.sort())
    expect(await f.directory.transitiveUserIds(everyone.id)).toEqual(
      await ids(['ada@example.com', 'bob@example.com', 'ivy@example.com']),
    )
    expect((await f.directory.findUserByUpn('ivy@example.com'))?.extensionAttributes).toEqual({
      extension_app_costCenter: 'CC1',
    })

    const since = await f.directory.latestSequence()
    file.groups[1].members = ['bob@example.com', 'cy@example.com']
    const second = await importDirectory(f.directory, parseImportJson(JSON.stringify(file)))
    expect(second).toEqual({ created: 0, updated: 1, unchanged: 2, errors: [] })
    const ivy = (await f.directory.findUserByUpn('ivy@example.com'))!
    const cy = (await f.directory.findUserByUpn('cy@example.com'))!
    expect((await f.directory.changesSince(since)).map((c) => [c.kind, c.objectId, c.memberId])).toEqual([
      ['member-added', engineering.id, cy.id],
      ['member-removed', engineering.id, ivy.id],
    ])
  })

  it('reports unknown members, duplicate names and cycles by group row, leaving memberships alone', async () => {
    const result = await importDirectory(f.directory, {
      groups: [
        { displayName: 'Engineering', members: ['Everyone'] },
        { displayName: 'Ghosts', members: ['casper@example.com'] },
        { displayName: 'ENGINEERING' },
        { description: 'no name' },
      ],
    })
    expect(result.errors.map((e) => [e.section, e.row])).toEqual([
      ['groups', 3],
      ['groups', 4],
      ['groups', 2],
      ['groups', 1],
    ])
    expect(result.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('appears twice'),
      expect.stringContaining('displayName'),
      expect.stringContaining('casper@example.com'),
      expect.stringContaining('cycle'),
    ])
    expect(await f.directory.findGroupByName('Ghosts')).toBeUndefined()
    const engineering = (await f.directory.findGroupByName('Engineering'))!
    expect((await f.directory.members(engineering.id)).map((m) => m.type)).toEqual(['user', 'user'])
  })

  it('refuses a file that is not an import file with a message saying what is wrong', () => {
    expect(() => parseImportJson('{')).toThrow(/not valid JSON/)
    expect(() => parseImportJson('[]')).toThrow(/JSON object/)
    expect(() => parseImportJson('{"people": []}')).toThrow(/people/)
    expect(() => parseImportCsv('userPrincipalName,shoeSize\na@b,42\n')).toThrow(/shoeSize/)
    expect(() => parseImportCsv('mail\na@b\n')).toThrow(/userPrincipalName/)
    expect(() => parseImportCsv('userPrincipalName,mail\na@b\n')).toThrow(/not valid CSV/)
  })
})
