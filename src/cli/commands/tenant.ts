import type { Command } from 'commander'
import type { IssuedToken, Tenant } from '../../provider/store/types.js'
import { type ConfigFlags, type ServerConfig, scimUrl } from '../../server/config.js'
import { openProvider } from '../../server/open-provider.js'
import { addServerOptions, configFrom } from './serve.js'

interface TenantFlags extends ConfigFlags {
  json?: boolean
  rotate?: boolean
}

/** Adds `provisio tenant create NAME` and `provisio tenant token NAME --rotate`. */
export function registerTenantCommands(program: Command): void {
  const tenant = program
    .command('tenant')
    .description('manage the tenants (companies) of the SCIM service provider')

  const create = tenant
    .command('create')
    .description('create a tenant with Employee Provisioning on; prints its SCIM URL and bearer token')
    .argument('<name>', 'the company name, unique ignoring case')
    .option('--json', 'print one JSON object {"name","scimUrl","token"}')
  addServerOptions(create).action(async (name: string, flags: TenantFlags) => {
    const config = configFrom(create, flags)
    await withProvider(create, config, async (provider) => {
      const existing = await provider.store.tenants.getByName(name)
      if (existing) {
        create.error(
          `error: a tenant named "${existing.name}" already exists; for a new token run: provisio tenant token "${existing.name}" --rotate`,
          { exitCode: 1 },
        )
      }
      const created = await provider.store.tenants.create(name)
      const issued = await provider.store.tenants.enableProvisioning(created.id)
      print(config, created, issued, flags.json === true, 'created with Employee Provisioning on')
    })
  })

  const token = tenant
    .command('token')
    .description('issue a new bearer token for a tenant (with --rotate; earlier tokens stop working)')
    .argument('<name>', 'the tenant name')
    .option(
      '--rotate',
      'issue a new token and revoke the earlier ones (required: tokens are shown only once)',
    )
    .option('--json', 'print one JSON object {"name","scimUrl","token"}')
  addServerOptions(token).action(async (name: string, flags: TenantFlags) => {
    if (!flags.rotate) {
      token.error(
        'error: tokens are stored only as hashes and cannot be shown again; pass --rotate to issue a new one (earlier tokens stop working)',
        { exitCode: 2 },
      )
    }
    const config = configFrom(token, flags)
    await withProvider(token, config, async (provider) => {
      const found = await provider.store.tenants.getByName(name)
      if (!found) {
        return token.error(
          `error: no tenant named "${name}"; create it with: provisio tenant create "${name}"`,
          {
            exitCode: 1,
          },
        )
      }
      const issued = await provider.store.tenants.rotateToken(found.id)
      print(config, found, issued, flags.json === true, 'has a new token; earlier tokens are revoked')
    })
  })
}

async function withProvider(
  command: Command,
  config: ServerConfig,
  fn: (provider: Awaited<ReturnType<typeof openProvider>>) => Promise<void>,
): Promise<void> {
  const provider = await openProvider(config).catch((error: Error) =>
    command.error(`error: cannot open the database: ${error.message}`, { exitCode: 1 }),
  )
  try {
    await fn(provider)
  } finally {
    await provider.close()
  }
}

function print(config: ServerConfig, tenant: Tenant, issued: IssuedToken, json: boolean, what: string): void {
  const url = scimUrl(config)
  if (json) {
    process.stdout.write(`${JSON.stringify({ name: tenant.name, scimUrl: url, token: issued.token })}\n`)
    return
  }
  process.stdout.write(
    [
      `Tenant "${tenant.name}" ${what}.`,
      `SCIM 2.0 URL:  ${url}`,
      `Bearer token:  ${issued.token}`,
      'The token is shown only this once: paste it into your identity provider (Secret Token / API token).',
      '',
    ].join('\n'),
  )
}
