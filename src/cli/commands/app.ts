import { type Command, Option } from 'commander'
import type { Database } from '../../db/database.js'
import { DirectoryError, openDirectory } from '../../directory/index.js'
import type { Directory, DirectoryApp } from '../../directory/types.js'
import { EngineError } from '../../engine/engine-error.js'
import { GalleryError, listTemplates } from '../../engine/gallery/index.js'
import type { JobDialect, JobScope } from '../../engine/job/job-settings.js'
import { addProvisionedApp } from '../../engine/provisioned-app.js'
import { loadSecretKey } from '../../engine/secret-key.js'
import { getJobByApp } from '../../engine/store/job-store.js'
import { testConnection } from '../../engine/test-connection.js'
import { loadConfig } from '../../server/config.js'
import { addDatabaseOptions, type DatabaseFlags, openCliDatabase } from '../open-database.js'

/** What an app or job command works with: the database, the directory and the secret key. */
export interface AppContext {
  database: Database
  directory: Directory
  secretKey: Buffer
}

/**
 * Opens the database and directory of `--data`/`--database-url` and the secret key (PROVISIO_SECRET_KEY or
 * `<data>/secret.key`), runs `fn`, and turns engine, directory and gallery errors into a message and exit code 1.
 */
export async function withAppContext(
  command: Command,
  flags: DatabaseFlags,
  fn: (ctx: AppContext) => Promise<void>,
): Promise<void> {
  const database = await openCliDatabase(command, flags)
  try {
    const { dataDir } = loadConfig({ data: flags.data, databaseUrl: flags.databaseUrl }, process.env)
    const secretKey = loadSecretKey({ dataDir })
    await fn({ database, directory: openDirectory(database), secretKey })
  } catch (error) {
    if (error instanceof EngineError || error instanceof DirectoryError || error instanceof GalleryError) {
      command.error(`error: ${error.message}`, { exitCode: 1 })
    }
    throw error
  } finally {
    await database.close()
  }
}

/** The app named (ignoring case) or with this id; ends the command with what to type when there is none. */
export async function findApp(
  command: Command,
  directory: Directory,
  reference: string,
): Promise<DirectoryApp> {
  const app = (await directory.getAppByName(reference)) ?? (await directory.getApp(reference))
  if (app) return app
  const names = (await directory.listApps()).map((a) => `"${a.name}"`)
  command.error(
    `error: no app "${reference}"; ${names.length > 0 ? `apps: ${names.join(', ')}` : 'add one with: provisio app add NAME --template generic-scim --tenant-url URL --secret-token TOKEN'}`,
    { exitCode: 1 },
  )
}

interface AddFlags extends DatabaseFlags {
  template: string
  tenantUrl: string
  secretToken: string
  scope?: JobScope
  dialect?: JobDialect
  json?: boolean
}

interface AssignFlags extends DatabaseFlags {
  user?: string
  group?: string
  role?: string
}

/** Adds `provisio app add|assign|test`. */
export function registerAppCommands(program: Command): void {
  const app = program
    .command('app')
    .description('enterprise apps: add from the gallery, assign users and groups, test the connection')

  const add: Command = app
    .command('add')
    .description(
      'add an app from the gallery with its provisioning job (stopped until `provisio job start APP`)',
    )
    .argument('<name>', 'the app name, unique ignoring case')
    .requiredOption(
      '--template <id>',
      `gallery template: ${listTemplates()
        .map((t) => t.id)
        .join(' | ')}`,
    )
    .requiredOption(
      '--tenant-url <url>',
      'the SCIM base URL of the target, e.g. https://app.example.com/scim/v2',
    )
    .requiredOption('--secret-token <token>', 'the bearer token of the target (stored encrypted)')
    .addOption(
      new Option('--scope <scope>', 'provision assigned users and groups only, or everyone').choices([
        'assigned',
        'all',
      ]),
    )
    .addOption(
      new Option('--dialect <dialect>', 'rfc (default) or entra (exactly what Entra ID sends)').choices([
        'rfc',
        'entra',
      ]),
    )
    .option('--json', 'print {"app","job"} as JSON')
  addDatabaseOptions(add).action(async (name: string, flags: AddFlags) => {
    await withAppContext(add, flags, async (ctx) => {
      const { app: created, job } = await addProvisionedApp(ctx, {
        name,
        templateId: flags.template,
        tenantUrl: flags.tenantUrl,
        secretToken: flags.secretToken,
        scope: flags.scope,
        dialect: flags.dialect,
      })
      if (flags.json) {
        const { sealedToken: _, ...visible } = job
        console.log(JSON.stringify({ app: created, job: visible }))
        return
      }
      console.log(`Added app "${created.name}" (${created.id}) from template ${created.templateId}.`)
      console.log(
        `Provisioning: ${job.tenantUrl}, scope ${job.scope}, dialect ${job.dialect}, every ${job.intervalMinutes} min once started.`,
      )
      console.log(
        `Next: provisio app test "${created.name}", provisio app assign "${created.name}" --user UPN, provisio job start "${created.name}"`,
      )
    })
  })

  const assign: Command = app
    .command('assign')
    .description('assign a user or a group to an app, with a role (default "User")')
    .argument('<app>', 'the app name or id')
    .option('--user <id>', 'the user: id or userPrincipalName')
    .option('--group <id>', 'the group: id or displayName')
    .option('--role <role>', 'the role: id, value or name (default User)')
  addDatabaseOptions(assign).action(async (appName: string, flags: AssignFlags) => {
    if (Boolean(flags.user) === Boolean(flags.group)) {
      assign.error(
        'error: give exactly one of --user ID|UPN or --group ID|NAME, e.g. provisio app assign MyApp --user ada@example.com',
        {
          exitCode: 2,
        },
      )
    }
    await withAppContext(assign, flags, async ({ directory }) => {
      const found = await findApp(assign, directory, appName)
      let roleId: string | undefined
      if (flags.role) {
        const role = await directory.findAppRole(found.id, flags.role)
        if (!role) {
          const roles = (await directory.appRoles(found.id)).map((r) => `"${r.name}"`).join(', ')
          assign.error(`error: the app has no role "${flags.role}"; roles: ${roles}`, { exitCode: 1 })
        }
        roleId = role.id
      }
      if (flags.user) {
        const user = (await directory.getUser(flags.user)) ?? (await directory.findUserByUpn(flags.user))
        if (!user)
          assign.error(`error: no user with id or userPrincipalName "${flags.user}"`, { exitCode: 1 })
        await directory.assign(found.id, { userId: user.id }, roleId)
        console.log(`Assigned ${user.userPrincipalName} to "${found.name}".`)
      } else {
        const group =
          (await directory.getGroup(flags.group!)) ?? (await directory.findGroupByName(flags.group!))
        if (!group) assign.error(`error: no group with id or displayName "${flags.group}"`, { exitCode: 1 })
        await directory.assign(found.id, { groupId: group.id }, roleId)
        console.log(`Assigned group ${group.displayName} to "${found.name}".`)
      }
    })
  })

  const test: Command = app
    .command('test')
    .description(
      'test the connection as Entra does: query the target for a user that does not exist; exits 1 on failure',
    )
    .argument('<app>', 'the app name or id')
    .option('--json', 'print the result as JSON')
  addDatabaseOptions(test).action(async (appName: string, flags: DatabaseFlags & { json?: boolean }) => {
    await withAppContext(test, flags, async ({ database, directory, secretKey }) => {
      const found = await findApp(test, directory, appName)
      const result = await testConnection(await getJobByApp(database, found.id), { secretKey })
      if (flags.json) console.log(JSON.stringify(result))
      else {
        console.log(result.request)
        console.log(result.ok ? `OK: ${result.message}` : `FAILED (${result.problem}): ${result.message}`)
        if (result.undeclaredTargets?.length) {
          console.log(
            `Warning: the target's /Schemas does not declare these mapped attributes: ${result.undeclaredTargets.join(', ')}`,
          )
        }
      }
      if (!result.ok) process.exitCode = 1
    })
  })
}
