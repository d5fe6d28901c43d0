import type { Command } from 'commander'

/** Adds the `job` commands. */
export function registerJobCommands(_program: Command): void {}
