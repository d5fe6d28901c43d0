import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../../support/databases.js'
import { type ScimClient, startTestServer, type TestServer } from './scim-test-server.js'

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error'

/** Bad input gets the right status, an RFC 7644 §3.12 body, and changes nothing. */
describe.each(TEST_DATABASES)('bad input on $name', (db) => {
  let server: TestServer
  let scim: ScimClient
  beforeAll(async () => {
    server = await startTestServer(db)
    scim = (await server.tenant('Fabrikam')).scim
  })
  afterAll(() => server?.close())

  const userCount = async () => (await scim('GET', '/Users?count=0')).body.totalResults as number

  it('malformed JSON answers 400 invalidSyntax', async () => {
    const before = await userCount()
    const res = await scim('POST', '/Users', '{"userName": "x", ', {
      'content-type': 'application/scim+json',
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/scim+json; charset=utf-8')
    expect(res.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidSyntax' })
    expect(await userCount()).toBe(before)
  })

  it('a body over the limit answers 413', async () => {
    const res = await scim('POST', '/Users', {
      schemas: [USER],
      userName: 'big',
      title: 'x'.repeat(2 * 1024 * 1024),
    })
    expect(res.status).toBe(413)
    expect(res.body).toMatchObject({ schemas: [ERROR], status: '413' })
  })

  it('an unsupported media type answers 415 with a SCIM body; application/json with charset is accepted', async () => {
    const bad = await scim('POST', '/Users', 'userName=x', {
      'content-type': 'application/x-www-form-urlencoded',
    })
    expect(bad.status).toBe(415)
    expect(bad.body).toMatchObject({ schemas: [ERROR], status: '415' })
    const ok = await scim(
      'POST',
      '/Users',
      { schemas: [USER], userName: 'json.charset' },
      { 'content-type': 'application/json; charset=UTF-8' },
    )
    expect(ok.status).toBe(201)
  })

  it('a wrong type answers 400 invalidValue and stores nothing', async () => {
    const before = await userCount()
    const res = await scim('POST', '/Users', { schemas: [USER], userName: 'typed', active: 'perhaps' })
    expect(res.status).toBe(400)
    expect(res.body.scimType).toBe('invalidValue')
    expect(await userCount()).toBe(before)
  })

  it('a missing userName answers 400', async () => {
    const res = await scim('POST', '/Users', { schemas: [USER], active: true })
    expect(res.status).toBe(400)
    expect(res.body.detail).toMatch(/userName/)
  })

  it('unknown attributes are ignored', async () => {
    const res = await scim('POST', '/Users', {
      schemas: [USER],
      userName: 'unknown.attrs',
      adreses: [{ country: 'DE' }],
    })
    expect(res.status).toBe(201)
    expect(res.text).not.toContain('adreses')
  })

  it('a duplicate userName in another letter case answers 409 uniqueness', async () => {
    expect((await scim('POST', '/Users', { schemas: [USER], userName: 'Dup@Fabrikam.com' })).status).toBe(201)
    const res = await scim('POST', '/Users', { schemas: [USER], userName: 'dup@fabrikam.com' })
    expect(res.status).toBe(409)
    expect(res.body).toMatchObject({ status: '409', scimType: 'uniqueness', detail: expect.any(String) })
  })

  it.each([
    ['an unterminated string', 'userName eq "abc'],
    ['an unknown operator', 'userName xx "a"'],
    ['a filter over the length limit', `userName eq "${'a'.repeat(5000)}"`],
    ['nesting over the depth limit', `${'('.repeat(40)}userName eq "a"${')'.repeat(40)}`],
    ['SQL in an attribute name', 'userName; DROP TABLE users eq "a"'],
  ])('a hostile filter (%s) answers 400 invalidFilter', async (_what, filter) => {
    const res = await scim('GET', `/Users?filter=${encodeURIComponent(filter)}`)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidFilter' })
  })

  it('a filter value with SQL in it is just a value', async () => {
    const res = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "x\' OR 1=1 --"')}`)
    expect(res.status).toBe(200)
    expect(res.body.totalResults).toBe(0)
  })

  it('count above the maximum page size is lowered to it; a bad count answers 400', async () => {
    const res = await scim('GET', '/Users?count=1000000')
    expect(res.status).toBe(200)
    const bad = await scim('GET', '/Users?count=many')
    expect(bad.status).toBe(400)
    expect(bad.body.scimType).toBe('invalidValue')
  })

  it('a tampered cursor answers 400 invalidCursor', async () => {
    const res = await scim('GET', '/Users?cursor=not-a-cursor&count=1')
    expect(res.status).toBe(400)
    expect(res.body.scimType).toBe('invalidCursor')
  })

  it('a missing token answers 401 with WWW-Authenticate; a wrong one too', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token', 'Basic dXNlcjpwYXNz']) {
      const res = await server.client(authorization)('GET', '/Users')
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="Provisio SCIM"')
      expect(res.body).toMatchObject({ schemas: [ERROR], status: '401' })
    }
  })

  it("another tenant's ids answer 404 for every method, and its users are not listed", async () => {
    const other = await server.tenant('Northwind')
    const theirs = await other.scim('POST', '/Users', { schemas: [USER], userName: 'secret@northwind.com' })
    expect(theirs.status).toBe(201)
    const id = theirs.body.id
    expect((await scim('GET', `/Users/${id}`)).status).toBe(404)
    expect((await scim('PUT', `/Users/${id}`, { schemas: [USER], userName: 'stolen' })).status).toBe(404)
    const patch = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    }
    expect((await scim('PATCH', `/Users/${id}`, patch)).status).toBe(404)
    expect((await scim('DELETE', `/Users/${id}`)).status).toBe(404)
    const list = await scim('GET', '/Users?filter=userName+eq+%22secret%40northwind.com%22')
    expect(list.body.totalResults).toBe(0)
    expect((await other.scim('GET', `/Users/${id}`)).body.active).not.toBe(false)
  })

  it('unknown routes answer 404, wrong methods 405 with Allow, /Me 501, root search 501', async () => {
    const unknown = await scim('GET', '/Nope')
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ schemas: [ERROR], status: '404' })
    const wrong = await scim('DELETE', '/Users')
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('GET, POST')
    expect(wrong.body.status).toBe('405')
    const me = await scim('GET', '/Me')
    expect(me.status).toBe(501)
    expect(me.body.status).toBe('501')
    const root = await scim('POST', '/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
    })
    expect(root.status).toBe(501)
  })
})
