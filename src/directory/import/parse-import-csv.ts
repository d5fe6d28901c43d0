import { CsvError, parse } from 'csv-parse/sync'
import { DirectoryError } from '../errors.js'
import type { ImportData, ImportUserRecord } from '../types.js'
import { importColumn, unknownColumn } from './import-columns.js'

/**
 * Parses an import file in CSV: a header row of attribute names (ignoring case; `manager` as the manager's
 * userPrincipalName; extensionAttribute1..15 and extension_<name>), then one person a row. Empty cells clear an
 * attribute. Records keep their line numbers for the import's error report. DIRECTORY_INVALID_INPUT for an unknown
 * or repeated column or a malformed line.
 */
export function parseImportCsv(text: string): ImportData {
  let parsed: { record: string[]; info: { lines: number } }[]
  try {
    parsed = parse(text, { bom: true, info: true, skip_empty_lines: true }) as unknown as typeof parsed
  } catch (error) {
    if (error instanceof CsvError) throw invalid(`the file is not valid CSV: ${error.message}`)
    throw error
  }
  if (parsed.length === 0) return { users: [], userRows: [] }
  const header = parsed[0].record.map((h) => h.trim())
  const seen = new Set<string>()
  for (const name of header) {
    if (!importColumn(name)) throw unknownColumn(name)
    if (seen.has(name.toLowerCase())) throw invalid(`column "${name}" appears twice in the header`)
    seen.add(name.toLowerCase())
  }
  if (!seen.has('userprincipalname')) throw invalid('the header has no userPrincipalName column')
  const users: ImportUserRecord[] = []
  const userRows: number[] = []
  for (const { record, info } of parsed.slice(1)) {
    const user: ImportUserRecord = {}
    header.forEach((name, i) => {
      user[name] = record[i].trim()
    })
    users.push(user)
    userRows.push(info.lines)
  }
  return { users, userRows }
}

function invalid(message: string): DirectoryError {
  return new DirectoryError('DIRECTORY_INVALID_INPUT', message)
}
