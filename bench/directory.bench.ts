/**
 * Directory benchmarks on SQLite: import 100,000 users (with managers) and 1,000 groups holding 200,000 memberships
 * (target under 20 s), re-import the same data with 100 people changed (only those are written), list the assignment
 * scope of an app assigned to every group, and read the whole change feed page by page.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../src/db/database.js'
import { migrate } from '../src/db/migrate.js'
import {
  type ImportData,
  type ImportUserRecord,
  importDirectory,
  openDirectory,
} from '../src/directory/index.js'
import type { BenchResult } from './types.js'

const USERS = 100_000
const GROUPS = 1_000
const MEMBERS_PER_GROUP = 200
const DEPARTMENTS = ['Engineering', 'Sales', 'Finance', 'People', 'Support']

/** A synthetic organisation: managers form a tree, each group holds 200 people. */
function organisation(): ImportData {
  const upn = (i: number) => `user${i}@bench.example.com`
  const users: ImportUserRecord[] = Array.from({ length: USERS }, (_, i) => ({
    userPrincipalName: upn(i),
    mail: upn(i),
    givenName: `Given${i}`,
    surname: `Surname${i}`,
    displayName: `Given${i} Surname${i}`,
    department: DEPARTMENTS[i % DEPARTMENTS.length],
    employeeId: String(100_000 + i),
    accountEnabled: true,
    extensionAttribute1: `cost-${i % 97}`,
    ...(i > 0 ? { manager: upn(Math.floor((i - 1) / 10)) } : {}),
  }))
  const groups = Array.from({ length: GROUPS }, (_, g) => ({
    displayName: `Group ${g}`,
    members: Array.from({ length: MEMBERS_PER_GROUP }, (_, k) => upn((g * 100 + k * 499) % USERS)),
  }))
  return { users, groups }
}

async function seconds<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now()
  const result = await fn()
  return [(performance.now() - start) / 1000, result]
}

/** Runs the directory benchmarks. */
export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'provisio-bench-directory-'))
  const database = await openDatabase({ kind: 'sqlite', file: join(dir, 'provisio.db') })
  try {
    await migrate(database)
    const directory = openDirectory(database)
    const data = organisation()
    const [importTime, first] = await seconds(() => importDirectory(directory, data))
    if (first.errors.length > 0) throw new Error(`bench import failed: ${first.errors[0].message}`)

    const before = await directory.latestSequence()
    for (let i = 0; i < 100; i++) data.users![i * 997].department = 'Changed'
    const [reimportTime, second] = await seconds(() => importDirectory(directory, data))
    const written = (await directory.changesSince(before, 10_000)).length
    if (second.updated !== 100 || written !== 100)
      throw new Error(`re-import wrote ${written} changes, expected 100`)

    const app = await directory.addApp({ name: 'Bench', templateId: 'generic-scim' })
    for (const group of await directory.listGroups({ limit: GROUPS }))
      await directory.assign(app.id, { groupId: group.id })
    const [scopeTime, scope] = await seconds(() => directory.assignedUsers(app.id))

    const [feedTime, feedRows] = await seconds(async () => {
      let sequence = 0
      let rows = 0
      for (;;) {
        const page = await directory.changesSince(sequence, 5_000)
        if (page.length === 0) return rows
        rows += page.length
        sequence = page.at(-1)!.sequence
      }
    })

    return [
      {
        name: `directory import: ${USERS} users, ${GROUPS} groups, ${GROUPS * MEMBERS_PER_GROUP} memberships (SQLite)`,
        value: importTime,
        unit: 's',
        target: '< 20 s',
        pass: importTime < 20,
      },
      { name: 'directory re-import with 100 people changed (SQLite)', value: reimportTime, unit: 's' },
      {
        name: `directory assignedUsers over ${GROUPS} assigned groups (${scope.length} users)`,
        value: scopeTime,
        unit: 's',
      },
      {
        name: `directory change feed read (${feedRows} changes, pages of 5,000)`,
        value: feedRows / feedTime,
        unit: 'changes/s',
      },
    ]
  } finally {
    await database.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
