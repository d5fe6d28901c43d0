import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../../support/databases.js'
import { type ScimClient, startTestServer, type TestServer } from './scim-test-server.js'

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group'

/** Every request of entra-client-behavior.md §2, in the shapes Entra sends them, with the answers Entra expects. */
describe.each(TEST_DATABASES)('Entra ID requests on $name', (db) => {
  let server: TestServer
  let scim: ScimClient
  beforeAll(async () => {
    server = await startTestServer(db)
    scim = (await server.tenant('Contoso')).scim
  })
  afterAll(() => server?.close())

  const createUser = async (userName: string, extra: Record<string, unknown> = {}) => {
    const res = await scim('POST', '/Users', {
      schemas: [USER, ENTERPRISE],
      externalId: randomUUID(),
      userName,
      active: true,
      emails: [{ primary: true, type: 'work', value: `${userName}@testuser.com` }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
      ...extra,
    })
    expect(res.status).toBe(201)
    return res.body as { id: string; meta: { version: string } }
  }

  it('Test Connection: a filter on a random GUID answers 200 with an empty ListResponse', async () => {
    const res = await scim('GET', `/Users?filter=userName+eq+%22${randomUUID()}%22`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/scim+json; charset=utf-8')
    expect(res.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      Resources: [],
    })
  })

  it('create answers 201 with id, the echoed attributes, meta and a Location header', async () => {
    const res = await scim('POST', '/Users', {
      schemas: [USER, ENTERPRISE],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1',
      active: true,
      emails: [
        { primary: true, type: 'work', value: 'Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com' },
      ],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
      addresses: null,
      phoneNumbers: null,
      title: null,
    })
    expect(res.status).toBe(201)
    expect(res.body.id).toEqual(expect.any(String))
    expect(res.body.userName).toBe('Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1')
    expect(res.body.externalId).toBe('0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef')
    expect(res.body.name).toEqual({
      formatted: 'givenName familyName',
      familyName: 'familyName',
      givenName: 'givenName',
    })
    expect(res.body.meta).toMatchObject({
      resourceType: 'User',
      created: expect.any(String),
      lastModified: expect.any(String),
    })
    expect(res.headers.get('location')).toBe(`${server.scimUrl}/Users/${res.body.id}`)
    expect(res.body.meta.location).toBe(res.headers.get('location'))
    expect(res.headers.get('etag')).toBe(res.body.meta.version)
  })

  it('get by id answers the user; an unknown id answers 404 with a SCIM error', async () => {
    const user = await createUser('get.me@contoso.com')
    const res = await scim('GET', `/Users/${user.id}`)
    expect(res.status).toBe(200)
    expect(res.body.userName).toBe('get.me@contoso.com')
    const missing = await scim('GET', `/Users/${randomUUID()}`)
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '404',
    })
  })

  it('filter by userName in another letter case finds the user; externalId filters too', async () => {
    const user = await createUser('Mixed.Case@Contoso.com', { externalId: 'johnwong' })
    const res = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "mixed.case@CONTOSO.COM"')}`,
    )
    expect(res.status).toBe(200)
    expect(res.body.totalResults).toBe(1)
    expect(res.body.Resources[0].id).toBe(user.id)
    const byExternal = await scim('GET', '/Users?filter=externalId+eq+%22johnwong%22')
    expect(byExternal.body.Resources.map((r: { id: string }) => r.id)).toEqual([user.id])
    const unquoted = await scim('GET', '/Users?filter=externalId eq johnwong')
    expect(unquoted.body.totalResults).toBe(1)
  })

  it('PATCH without the flag: capitalised ops, one Replace per path, "False" as a string', async () => {
    const user = await createUser('nonflag@contoso.com')
    const res = await scim('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
        { op: 'Add', path: 'nickName', value: 'Babs' },
        { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: '1234' },
        { op: 'Replace', path: 'active', value: 'False' },
      ],
    })
    expect(res.status).toBe(200)
    const got = (await scim('GET', `/Users/${user.id}`)).body
    expect(got.emails).toEqual([{ primary: true, type: 'work', value: 'updatedEmail@microsoft.com' }])
    expect(got.name.familyName).toBe('updatedFamilyName')
    expect(got.nickName).toBe('Babs')
    expect(got[ENTERPRISE].employeeNumber).toBe('1234')
    expect(got.active).toBe(false)
  })

  it('PATCH with aadOptscim062020: lower-case ops, path-less replace with dotted keys, boolean false', async () => {
    const user = await createUser('flag@contoso.com')
    const res = await scim('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'flag2@contoso.com' },
        {
          op: 'replace',
          value: {
            displayName: 'Flag User',
            'name.givenName': 'Flag',
            'name.familyName': 'User',
            [`${ENTERPRISE}:employeeNumber`]: '42',
          },
        },
        { op: 'replace', path: 'active', value: false },
      ],
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      displayName: 'Flag User',
      name: { givenName: 'Flag', familyName: 'User' },
      active: false,
    })
    expect(res.body[ENTERPRISE].employeeNumber).toBe('42')
    expect(res.body.emails[0].value).toBe('flag2@contoso.com')
  })

  it('disable with "False" and with false, re-enable with "True"; inactive users are still found', async () => {
    const user = await createUser('disable@contoso.com')
    for (const [value, expected] of [
      ['False', false],
      ['True', true],
      [false, false],
    ] as const) {
      const res = await scim('PATCH', `/Users/${user.id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'Replace', path: 'active', value }],
      })
      expect(res.status).toBe(200)
      expect(res.body.active).toBe(expected)
    }
    const found = await scim('GET', '/Users?filter=userName+eq+%22disable%40contoso.com%22')
    expect(found.body.totalResults).toBe(1)
    expect(found.body.Resources[0].active).toBe(false)
  })

  it('manager as a bare string on the enterprise path, then removed', async () => {
    const manager = await createUser('boss@contoso.com')
    const user = await createUser('report@contoso.com')
    const add = await scim('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'add', path: `${ENTERPRISE}:manager`, value: manager.id }],
    })
    expect(add.status).toBe(200)
    expect(add.body[ENTERPRISE].manager.value).toBe(manager.id)
    const byManager = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent(`id eq "${user.id}" and manager eq "${manager.id}"`)}&attributes=id`,
    )
    expect(byManager.status).toBe(200)
    expect(byManager.body.totalResults).toBe(1)
    const remove = await scim('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Remove', path: `${ENTERPRISE}:manager` }],
    })
    expect(remove.status).toBe(200)
    expect(remove.body[ENTERPRISE]?.manager).toBeUndefined()
  })

  describe('groups', () => {
    let groupId: string
    let alice: string
    let bob: string
    beforeAll(async () => {
      alice = (await createUser('alice@contoso.com')).id
      bob = (await createUser('bob@contoso.com')).id
    })

    it('create with the Microsoft group schema URN answers 201 with members []', async () => {
      const res = await scim('POST', '/Groups', {
        schemas: [GROUP, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        displayName: 'Sales',
        meta: { resourceType: 'Group' },
      })
      expect(res.status).toBe(201)
      groupId = res.body.id
      expect(res.body.displayName).toBe('Sales')
    })

    it('reads with excludedAttributes=members never return members, by id or by filter', async () => {
      const byId = await scim('GET', `/Groups/${groupId}?excludedAttributes=members`)
      expect(byId.status).toBe(200)
      expect(byId.body.members).toBeUndefined()
      expect(byId.body.id).toBe(groupId)
      const byName = await scim('GET', '/Groups?excludedAttributes=members&filter=displayName+eq+%22sales%22')
      expect(byName.body.totalResults).toBe(1)
      expect(byName.body.Resources[0].members).toBeUndefined()
    })

    it('Add members with $ref null', async () => {
      const res = await scim('PATCH', `/Groups/${groupId}`, {
        schemas: [PATCH_OP],
        Operations: [
          {
            op: 'Add',
            path: 'members',
            value: [
              { $ref: null, value: alice },
              { $ref: null, value: bob },
            ],
          },
        ],
      })
      expect(res.status).toBe(204)
      const members = (await scim('GET', `/Groups/${groupId}`)).body.members.map(
        (m: { value: string }) => m.value,
      )
      expect(members.sort()).toEqual([alice, bob].sort())
    })

    it('Remove a member the non-compliant way (value array) removes only that member', async () => {
      const res = await scim('PATCH', `/Groups/${groupId}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: alice }] }],
      })
      expect(res.status).toBe(204)
      const members = (await scim('GET', `/Groups/${groupId}`)).body.members.map(
        (m: { value: string }) => m.value,
      )
      expect(members).toEqual([bob])
    })

    it('remove a member the compliant way (members[value eq "…"])', async () => {
      const res = await scim(
        'PATCH',
        `/Groups/${groupId}`,
        { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${bob}"]` }] },
        { prefer: 'return=minimal' },
      )
      expect(res.status).toBe(204)
      expect(res.text).toBe('')
      const got = await scim('GET', `/Groups/${groupId}`)
      expect(got.body.members ?? []).toEqual([])
    })

    it('Replace displayName', async () => {
      const res = await scim('PATCH', `/Groups/${groupId}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'Replace', path: 'displayName', value: 'Sales EMEA' }],
      })
      expect(res.status).toBe(204)
      expect((await scim('GET', `/Groups/${groupId}`)).body.displayName).toBe('Sales EMEA')
    })

    it('delete answers 204, then the group is gone', async () => {
      expect((await scim('DELETE', `/Groups/${groupId}`)).status).toBe(204)
      expect((await scim('GET', `/Groups/${groupId}`)).status).toBe(404)
    })
  })

  it('delete a user answers 204 and the user is gone', async () => {
    const user = await createUser('leaver@contoso.com')
    const res = await scim('DELETE', `/Users/${user.id}`)
    expect(res.status).toBe(204)
    expect(res.text).toBe('')
    expect((await scim('GET', `/Users/${user.id}`)).status).toBe(404)
  })
})
