import type { Command } from 'commander'

/** Adds the `app` commands. */
export function registerAppCommands(_program: Command): void {}
