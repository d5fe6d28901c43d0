import type { Command } from 'commander'
import { type Database, openDatabase } from '../db/database.js'
import { migrate } from '../db/migrate.js'
import { loadConfig } from '../server/config.js'

/** The flags that say where the data lives, as commander names them. */
export interface DatabaseFlags {
  data?: string
  databaseUrl?: string
}

/** Adds `--data DIR` and `--database-url URL`, the same as the server's, to a command. */
export function addDatabaseOptions(command: Command): Command {
  return command
    .option(
      '--data <dir>',
      'data directory with the SQLite database provisio.db (env PROVISIO_DATA, default ./data)',
    )
    .option(
      '--database-url <url>',
      'use PostgreSQL at this postgres:// URL instead of SQLite (env DATABASE_URL)',
    )
}

/**
 * Opens and migrates the database the server would use with these flags (and the environment), or ends the command
 * with a message saying what to fix.
 */
export async function openCliDatabase(command: Command, flags: DatabaseFlags): Promise<Database> {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig({ data: flags.data, databaseUrl: flags.databaseUrl }, process.env)
  } catch (error) {
    command.error(`error: ${(error as Error).message}`, { exitCode: 2 })
  }
  const database = await openDatabase(config.database)
  try {
    await migrate(database)
  } catch (error) {
    await database.close()
    command.error(`error: cannot open the database: ${(error as Error).message}`, { exitCode: 1 })
  }
  return database
}
