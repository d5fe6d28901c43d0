import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DirectoryError, parseImportCsv, parseImportJson } from '../../src/directory/index.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 200)
const COLUMNS = [
  'userPrincipalName',
  'givenName',
  'department',
  'manager',
  'extensionAttribute7',
  'extension_app_cost',
]

/** Quotes a CSV cell the way spreadsheets do. */
function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

const text = fc.string({ unit: fc.constantFrom('a', 'Z', '9', ' ', ',', '"', '\n', 'é', ';', '@') })

describe('directory import parsers', () => {
  it('reads back every CSV cell, trimmed, with increasing row numbers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(text, { minLength: COLUMNS.length, maxLength: COLUMNS.length }), { maxLength: 20 }),
        (rows) => {
          const csv = [COLUMNS.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\r\n')
          const parsed = parseImportCsv(csv)
          const expected = rows.map((r) => Object.fromEntries(COLUMNS.map((c, i) => [c, r[i].trim()])))
          expect(parsed.users).toEqual(expected)
          const lines = parsed.userRows ?? []
          expect(lines.every((line, i) => i === 0 || line > lines[i - 1])).toBe(true)
          expect(lines.every((line) => line >= 2)).toBe(true)
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('accepts any JSON object of user and group lists, and refuses anything else with a DirectoryError', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = JSON.stringify(value)
        const shaped =
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).every((k) => k === 'users' || k === 'groups') &&
          Object.values(value).every((v) => Array.isArray(v))
        if (shaped) expect(parseImportJson(json)).toEqual(JSON.parse(json))
        else expect(() => parseImportJson(json)).toThrow(DirectoryError)
      }),
      { numRuns: RUNS },
    )
  })
})
