import { randomBytes } from 'node:crypto'
import type { Database, DatabaseConfig } from '../../../src/db/database.js'
import { openDirectory } from '../../../src/directory/index.js'
import type { Directory } from '../../../src/directory/types.js'
import type { RunCycleOptions } from '../../../src/engine/cycle/run-cycle.js'
import { runCycle } from '../../../src/engine/cycle/run-cycle.js'
import { type AddAppInput, addProvisionedApp } from '../../../src/engine/provisioned-app.js'
import type { CycleSummary } from '../../../src/engine/store/job-state-store.js'
import { TEST_DATABASES } from '../../support/databases.js'

/** A migrated SQLite database with a directory and a secret key, for engine tests. */
export interface EngineFixture {
  database: Database
  config: DatabaseConfig
  directory: Directory
  secretKey: Buffer
  /** Adds an app with its job; returns the job id. */
  addApp(input: AddAppInput): Promise<{ appId: string; jobId: string }>
  /** Runs one cycle of a job with fast retries. */
  cycle(jobId: string, options?: Partial<RunCycleOptions>): Promise<CycleSummary>
  drop(): Promise<void>
}

/** Opens a fresh SQLite database for an engine test file. */
export async function engineFixture(): Promise<EngineFixture> {
  const sqlite = TEST_DATABASES.find((d) => d.name === 'sqlite')!
  const { database, config, drop } = await sqlite.create()
  const directory = openDirectory(database)
  const secretKey = randomBytes(32)
  return {
    database,
    config,
    directory,
    secretKey,
    async addApp(input) {
      const { app, job } = await addProvisionedApp({ database, directory, secretKey }, input)
      return { appId: app.id, jobId: job.id }
    },
    cycle: (jobId, options = {}) =>
      runCycle(jobId, {
        database,
        directory,
        secretKey,
        ...options,
        client: { backoffBaseMs: 5, backoffMaxMs: 20, ...options.client },
      }),
    drop,
  }
}
