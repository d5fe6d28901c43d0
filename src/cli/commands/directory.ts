import type { Command } from 'commander'

/** Adds the `directory` commands. */
export function registerDirectoryCommands(_program: Command): void {}
