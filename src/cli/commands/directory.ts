import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { type Command, Option } from 'commander'
import {
  DirectoryError,
  type ImportData,
  type ImportResult,
  importDirectory,
  openDirectory,
  parseImportCsv,
  parseImportJson,
} from '../../directory/index.js'
import { addDatabaseOptions, type DatabaseFlags, openCliDatabase } from '../open-database.js'

interface ImportFlags extends DatabaseFlags {
  format?: 'json' | 'csv'
  json?: boolean
}

/** Adds `provisio directory import FILE`. */
export function registerDirectoryCommands(program: Command): void {
  const directory = program.command('directory').description('manage the directory of people and groups')

  const importCommand: Command = directory
    .command('import')
    .description(
      'import people and groups from a JSON or CSV file: people are matched by userPrincipalName and groups by ' +
        'displayName, so a changed file updates only what changed. Exits with 1 if any row failed.',
    )
    .argument('<file>', 'a .json file {"users": [...], "groups": [...]} or a .csv file with one person a row')
    .addOption(
      new Option('--format <format>', 'the file format, when the extension does not say').choices([
        'json',
        'csv',
      ]),
    )
    .option('--json', 'print the summary as one JSON object {"created","updated","unchanged","errors"}')
  addDatabaseOptions(importCommand).action(async (file: string, flags: ImportFlags) => {
    const format = flags.format ?? formatOf(file)
    if (!format) {
      importCommand.error(
        `error: cannot tell the format of ${file} from its extension; name it .json or .csv, or pass --format json|csv`,
        { exitCode: 2 },
      )
    }
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (error) {
      importCommand.error(`error: cannot read ${file}: ${(error as Error).message}`, { exitCode: 2 })
    }
    let data: ImportData
    try {
      data = format === 'json' ? parseImportJson(text) : parseImportCsv(text)
    } catch (error) {
      if (!(error instanceof DirectoryError)) throw error
      importCommand.error(`error: ${file}: ${error.message}`, { exitCode: 1 })
    }
    const database = await openCliDatabase(importCommand, flags)
    try {
      const result = await importDirectory(openDirectory(database), data)
      console.log(flags.json ? JSON.stringify(result) : summary(file, result))
      if (result.errors.length > 0) process.exitCode = 1
    } finally {
      await database.close()
    }
  })
}

function formatOf(file: string): 'json' | 'csv' | undefined {
  const extension = extname(file).toLowerCase()
  return extension === '.json' ? 'json' : extension === '.csv' ? 'csv' : undefined
}

/** The import result for a person to read: counts, then one line per failed row. */
function summary(file: string, result: ImportResult): string {
  const lines = [
    `Imported ${file}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ` +
      `${result.errors.length} failed`,
  ]
  for (const e of result.errors) {
    lines.push(`  ${e.section} row ${e.row}${e.key ? ` (${e.key})` : ''}: ${e.message}`)
  }
  return lines.join('\n')
}
