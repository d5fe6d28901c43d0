import type { Command } from 'commander'

/** Adds `provisio serve`. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the Provisio server')
    .action(() => {
      console.log('The Provisio server is not built yet.')
    })
}
