import type { Command } from 'commander'

/** Adds the `tenant` commands. */
export function registerTenantCommands(_program: Command): void {}
