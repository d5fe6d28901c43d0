import cliProgress from 'cli-progress'
import type { Command } from 'commander'
import type { CycleProgress } from '../../engine/cycle/cycle-context.js'
import { runCycle } from '../../engine/cycle/run-cycle.js'
import { listEscrows } from '../../engine/store/escrow-store.js'
import { type CycleSummary, getJobState, restartJob } from '../../engine/store/job-state-store.js'
import { getJobByApp, setJobEnabled } from '../../engine/store/job-store.js'
import { countLinks } from '../../engine/store/link-store.js'
import type { DatabaseFlags } from '../open-database.js'
import { addDatabaseOptions } from '../open-database.js'
import { findApp, withAppContext } from './app.js'

/** Adds `provisio job start|stop|restart|run|status APP`. */
export function registerJobCommands(program: Command): void {
  const job = program
    .command('job')
    .description("an app's provisioning job: start, stop, restart, run a cycle, status")

  const toggle = (name: 'start' | 'stop', description: string) => {
    const command: Command = job
      .command(name)
      .description(description)
      .argument('<app>', 'the app name or id')
    addDatabaseOptions(command).action(async (appName: string, flags: DatabaseFlags) => {
      await withAppContext(command, flags, async ({ database, directory }) => {
        const found = await findApp(command, directory, appName)
        const provisioning = await getJobByApp(database, found.id)
        await setJobEnabled(database, provisioning.id, name === 'start', new Date())
        console.log(
          name === 'start'
            ? `Started provisioning of "${found.name}": the server runs cycles (${provisioning.mode}, every ${provisioning.intervalMinutes} min and on directory changes).`
            : `Stopped provisioning of "${found.name}"; a running cycle finishes first.`,
        )
      })
    })
  }
  toggle('start', 'start provisioning: the server runs cycles when due')
  toggle('stop', 'stop provisioning (a running cycle finishes)')

  const restart: Command = job
    .command('restart')
    .description('clear the watermark, the escrows and the running cycle: the next cycle is an initial one')
    .argument('<app>', 'the app name or id')
    .option('--full', 'also forget the links to target objects (they are matched again)')
  addDatabaseOptions(restart).action(async (appName: string, flags: DatabaseFlags & { full?: boolean }) => {
    await withAppContext(restart, flags, async ({ database, directory }) => {
      const found = await findApp(restart, directory, appName)
      await restartJob(database, (await getJobByApp(database, found.id)).id, { full: flags.full === true })
      console.log(`Restarted provisioning of "${found.name}": the next cycle is an initial cycle.`)
    })
  })

  const run: Command = job
    .command('run')
    .description('run one provisioning cycle now and print a summary; exits 1 if any object failed')
    .argument('<app>', 'the app name or id')
    .option('--once', 'run one cycle and exit (required)')
    .option('--json', 'print the summary as JSON')
  addDatabaseOptions(run).action(
    async (appName: string, flags: DatabaseFlags & { once?: boolean; json?: boolean }) => {
      if (!flags.once)
        run.error('error: add --once: provisio job run APP --once (the server runs cycles continuously)', {
          exitCode: 2,
        })
      await withAppContext(run, flags, async ({ database, directory, secretKey }) => {
        const found = await findApp(run, directory, appName)
        const provisioning = await getJobByApp(database, found.id)
        const progress = progressReporter(flags.json === true)
        let summary: CycleSummary
        try {
          summary = await runCycle(provisioning.id, {
            database,
            directory,
            secretKey,
            onProgress: progress.update,
          })
        } finally {
          progress.stop()
        }
        if (flags.json) console.log(JSON.stringify(summary))
        else printSummary(summary)
        if (summary.counts.failed > 0) process.exitCode = 1
      })
    },
  )

  const status: Command = job
    .command('status')
    .description('show the job: settings, watermark, the running or last cycle, linked objects, escrows')
    .argument('<app>', 'the app name or id')
    .option('--json', 'print as JSON')
  addDatabaseOptions(status).action(async (appName: string, flags: DatabaseFlags & { json?: boolean }) => {
    await withAppContext(status, flags, async ({ database, directory }) => {
      const found = await findApp(status, directory, appName)
      const { sealedToken: _, ...settings } = await getJobByApp(database, found.id)
      const state = await getJobState(database, settings.id)
      const linked = await countLinks(database, settings.id)
      const escrows = await listEscrows(database, settings.id)
      if (flags.json) {
        console.log(JSON.stringify({ app: found, job: settings, state, linked, escrows: escrows.length }))
        return
      }
      console.log(
        `${found.name}: ${settings.enabled ? 'started' : 'stopped'}, ${settings.mode}, every ${settings.intervalMinutes} min`,
      )
      console.log(`  target ${settings.tenantUrl} (${settings.dialect}), scope ${settings.scope}`)
      console.log(`  watermark ${state.watermark}${state.needsInitial ? ', next cycle initial' : ''}`)
      if (state.cycle)
        console.log(
          `  cycle running or interrupted: ${state.cycle.kind}, phase ${state.cycle.phase ?? 'starting'}`,
        )
      if (state.lastCycle) printSummary(state.lastCycle, '  last cycle: ')
      console.log(
        `  linked: ${linked.user} users, ${linked.group} groups; escrowed failures: ${escrows.length}`,
      )
    })
  })
}

function printSummary(summary: CycleSummary, prefix = ''): void {
  const c = summary.counts
  console.log(
    `${prefix}${summary.kind} cycle in ${(summary.durationMs / 1000).toFixed(1)} s, ${summary.requests} requests: ` +
      `${c.created} created, ${c.updated} updated, ${c.adopted} adopted, ${c.disabled} disabled, ${c.deleted} deleted, ` +
      `${c.skipped} skipped, ${c.unchanged} unchanged, ${c.failed} failed`,
  )
}

/** A progress bar on a TTY; one line per phase otherwise (and nothing with --json). */
function progressReporter(quiet: boolean): { update: (p: CycleProgress) => void; stop: () => void } {
  if (quiet) return { update: () => {}, stop: () => {} }
  if (!process.stderr.isTTY) {
    let phase = ''
    return {
      update: (p) => {
        if (p.phase !== phase) process.stderr.write(`${p.phase}...\n`)
        phase = p.phase
      },
      stop: () => {},
    }
  }
  const bar = new cliProgress.SingleBar(
    { format: '{phase} [{bar}] {value}/{total}', stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  return {
    update: (p) => {
      const total = p.total ?? Math.max(p.done, 1)
      if (!started) bar.start(total, p.done, { phase: p.phase })
      started = true
      bar.setTotal(total)
      bar.update(p.done, { phase: p.phase })
    },
    stop: () => {
      if (started) bar.stop()
    },
  }
}
