/**
 * Seeds a directory for the engine benchmark, run as a child process so the import's memory is not counted as the
 * engine's: `node --import tsx bench/support/engine-seed.ts FILE USERS GROUPS` migrates the SQLite database FILE and imports
 * USERS users (one in ten a manager of the next nine) and GROUPS groups of 200 members.
 */
import { openDatabase } from '../../src/db/database.js'
import { migrate } from '../../src/db/migrate.js'
import { importDirectory, openDirectory } from '../../src/directory/index.js'

const [file, usersArg, groupsArg] = process.argv.slice(2)
const users = Number(usersArg)
const groups = Number(groupsArg)
const upn = (i: number) => `user${i}@bench.test`
const database = await openDatabase({ kind: 'sqlite', file })
try {
  await migrate(database)
  const result = await importDirectory(openDirectory(database), {
    users: Array.from({ length: users }, (_, i) => ({
      userPrincipalName: upn(i),
      givenName: `Given${i}`,
      surname: `Sur${i}`,
      mail: upn(i),
      employeeId: String(i),
      department: `Dept ${i % 50}`,
      manager: i % 10 === 0 ? undefined : upn(i - (i % 10)),
    })),
    groups: Array.from({ length: groups }, (_, g) => ({
      displayName: `Group ${g}`,
      members: Array.from({ length: 200 }, (_, k) => upn((g * 100 + k * 7) % users)),
    })),
  })
  if (result.errors.length > 0) throw new Error(`seeding failed: ${result.errors[0].message}`)
} finally {
  await database.close()
}
