import type { Command } from 'commander'
import { type ConfigFlags, loadConfig, type ServerConfig, scimUrl } from '../../server/config.js'
import { DEMO_APP, DEMO_TENANT, seedDemo } from '../../server/demo/seed-demo.js'
import { closeOnSignals } from '../../server/shutdown.js'
import { type RunningServer, startServer } from '../../server/start-server.js'

/** Adds the options that say where the server listens and where its data lives (shared by serve and tenant). */
export function addServerOptions(command: Command): Command {
  return command
    .option('--port <port>', 'port the server listens on (env PORT, default 8080)')
    .option('--host <host>', 'address the server listens on (env HOST, default 127.0.0.1)')
    .option(
      '--data <dir>',
      'data directory: SQLite database and secret.key (env PROVISIO_DATA, default ./data)',
    )
    .option(
      '--database-url <url>',
      'use PostgreSQL at this postgres:// URL instead of SQLite (env DATABASE_URL)',
    )
    .option('--public-url <url>', 'address clients use, for printed SCIM URLs (env PROVISIO_PUBLIC_URL)')
}

/** Resolves the configuration from a command's options, or ends the command with the configuration error. */
export function configFrom(command: Command, flags: ConfigFlags): ServerConfig {
  try {
    return loadConfig(flags, process.env)
  } catch (error) {
    command.error(`error: ${(error as Error).message}`, { exitCode: 2 })
  }
}

/** Adds `provisio serve`. */
export function registerServeCommand(program: Command): void {
  const serve = program
    .command('serve')
    .description('start the Provisio server (the database is migrated on start)')
    .option(
      '--rate-limit <n>',
      'requests per second allowed per SCIM token, bursts of twice that; 0 = off (default 1000)',
    )
    .option(
      '--demo',
      'on the first start, set up a demo directory provisioning into a demo tenant (npm start does)',
    )
  addServerOptions(serve).action(async (flags: ConfigFlags & { demo?: boolean }) => {
    const config = configFrom(serve, flags)
    const server = await startServer(config)
    console.log(`Provisio is listening on ${server.url}`)
    console.log(`SCIM 2.0 URL for every tenant: ${scimUrl(config)}`)
    if (flags.demo) await announceDemo(server)
    console.log('Create a tenant and its token with: provisio tenant create NAME')
    closeOnSignals(server.close, (message) => console.log(message))
  })
}

/** Seeds the demo on the first start (the engine reaches the tenant where this server listens) and says so. */
async function announceDemo(server: RunningServer): Promise<void> {
  const url = `${server.url}/scim/v2`
  const seeded = await seedDemo({ ...server, scimUrl: url })
  if (!seeded) {
    console.log(`Demo: "${DEMO_APP}" provisions into tenant "${DEMO_TENANT}" (set up on an earlier start).`)
    return
  }
  console.log(
    `Demo: imported ${seeded.people} people and ${seeded.groups} groups, and started "${DEMO_APP}" provisioning them into tenant "${DEMO_TENANT}" at ${url}.`,
  )
  console.log(`      Watch it with: npx provisio job status "${DEMO_APP}"`)
}
