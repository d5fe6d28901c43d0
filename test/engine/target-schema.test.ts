import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ScimClient } from '../../src/engine/client/scim-client.js'
import { getTemplate } from '../../src/engine/gallery/index.js'
import { sealSecret } from '../../src/engine/secret-box.js'
import { fetchTargetAttributes, undeclaredTargets } from '../../src/engine/target/target-schema.js'
import { testConnection } from '../../src/engine/test-connection.js'
import { loadConfig } from '../../src/server/config.js'
import { type RunningServer, startServer } from '../../src/server/start-server.js'

const PEAKON = 'urn:ietf:params:scim:schemas:extension:peakon:2.0:User'

describe('target attributes from /Schemas', () => {
  let dir: string
  let server: RunningServer
  let bare: Server
  let token: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'provisio-target-schema-'))
    server = await startServer(loadConfig({ port: 0, data: dir, rateLimit: 0 }, { LOG_LEVEL: 'silent' }))
    const tenant = await server.store.tenants.create('Voice')
    token = (await server.store.tenants.enableProvisioning(tenant.id)).token
    await server.store.tenants.defineCustomAttribute(tenant.id, { name: 'Department', type: 'string' })
    bare = createServer((_request, response) => response.writeHead(404).end())
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve))
  })
  afterAll(async () => {
    await server.close()
    await new Promise((resolve) => bare.close(resolve))
    rmSync(dir, { recursive: true, force: true })
  })

  it("reads the Provisio provider's schemas, its tenant extension included, and names the mappings it lacks", async () => {
    const client = new ScimClient({ tenantUrl: `${server.url}/scim/v2`, token })
    const declared = await fetchTargetAttributes(client)
    expect(declared).toBeDefined()
    expect(declared?.has('username')).toBe(true)
    expect(declared?.has('name.givenname')).toBe(true)
    expect(declared?.has('urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:employeenumber')).toBe(
      true,
    )
    const missing = undeclaredTargets(getTemplate('employee-voice').userMappings, declared!)
    // The tenant defines Department only; Title and Location are Peakon attributes it has not set up.
    expect(missing.sort()).toEqual([`${PEAKON}:Location`, `${PEAKON}:Title`])
  })

  it('Test Connection names the mapped attributes the target does not declare', async () => {
    const secretKey = randomBytes(32)
    const { userMappings, groupMappings } = getTemplate('employee-voice')
    const result = await testConnection(
      {
        tenantUrl: `${server.url}/scim/v2`,
        sealedToken: sealSecret(secretKey, token),
        timeoutMs: 5000,
        userMappings,
        groupMappings,
      },
      { secretKey },
    )
    expect(result.ok).toBe(true)
    expect(result.undeclaredTargets?.sort()).toEqual([`${PEAKON}:Location`, `${PEAKON}:Title`])
  })

  it('is undefined for a target that serves no /Schemas', async () => {
    const { port } = bare.address() as AddressInfo
    const client = new ScimClient({ tenantUrl: `http://127.0.0.1:${port}/scim`, token: 't', maxAttempts: 1 })
    expect(await fetchTargetAttributes(client)).toBeUndefined()
  })
})
