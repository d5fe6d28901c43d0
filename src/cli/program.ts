import { Command } from 'commander'
import { registerAppCommands } from './commands/app.js'
import { registerDirectoryCommands } from './commands/directory.js'
import { registerJobCommands } from './commands/job.js'
import { registerServeCommand } from './commands/serve.js'
import { registerTenantCommands } from './commands/tenant.js'

/** Builds the `provisio` command with every subcommand. */
export function buildProgram(): Command {
  const program = new Command('provisio')
    .description(
      'Open-source SCIM 2.0 provisioning: a directory with a provisioning engine, and a SCIM service provider.',
    )
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true)
  registerServeCommand(program)
  registerTenantCommands(program)
  registerDirectoryCommands(program)
  registerAppCommands(program)
  registerJobCommands(program)
  return program
}
