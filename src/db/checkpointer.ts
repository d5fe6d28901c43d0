import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type SQLite from 'better-sqlite3'
import type { GroupCommitControl } from './sqlite-group-commit.js'

const require = createRequire(import.meta.url)

/** How often the checkpointer copies the write-ahead log into the database file: often, so that each pass is short. */
const CHECKPOINT_INTERVAL_MS = 100
/** Past this size (by default) the checkpointer has the write-ahead log start over. */
const WAL_RESTART_BYTES = 256 * 2 ** 20
/** The longest writes stay paused for a restart of the log, should the checkpointer not answer. */
const MAX_WRITE_PAUSE_MS = 1000
/** How much of the log, ahead of where the next write goes and from its start, the checkpointer keeps in memory. */
const WARM_BYTES = 8 * 2 ** 20
/** How often the start of the log is read again, to stay in the page cache for the next restart. */
const WARM_START_MS = 10_000

/**
 * The worker's code. Each tick: a PASSIVE checkpoint; then it reads the part of the log file the next writes will
 * overwrite (WARM_BYTES ahead of the last frame, and the file's start, where a restarted log begins); then, past
 * `restartBytes`, the pause that lets the log start over.
 *
 * Why it reads: a frame is a page plus a 24-byte header, so frames straddle the file's 4 KB pages and every write to
 * a reused log is a partial page write. When the kernel has dropped that page from its cache (memory pressure, or a
 * host that reclaims idle page cache, as the VMs here do after a minute), the write first reads the page from disk,
 * synchronously, on the event loop: hundreds of such reads a second showed up as the POST p99. Reading ahead in this
 * thread brings the pages back before the writer needs them. Appends past the end of the file never read.
 */
const WORKER_SOURCE = `
const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))})
const fs = require('node:fs')
const { parentPort, workerData } = require('node:worker_threads')
const { file, interval, restartBytes, warmBytes, warmStartMs } = workerData
const db = new Database(file)
db.pragma('busy_timeout = 1000')
const pageSize = db.pragma('page_size', { simple: true })
const passive = () => db.pragma('wal_checkpoint(PASSIVE)')[0]
const chunk = Buffer.allocUnsafe(2 ** 20)
let lastEnd = 0, warmedTo = 0, startWarmedAt = 0

/** Reads [from, to) of the log (up to its end) and answers where it stopped. */
function read(fd, from, to) {
  let at = from
  while (at < to) {
    const n = fs.readSync(fd, chunk, 0, Math.min(chunk.length, to - at), at)
    if (n <= 0) break
    at += n
  }
  return at
}

/**
 * Keeps the pages the next writes go to in the page cache; frames is the log's length. SQLite takes no POSIX locks
 * on the log file (closing a descriptor of a locked file would drop the process's locks on it).
 */
function warm(frames) {
  const end = 32 + frames * (pageSize + 24)
  const startDue = Date.now() - startWarmedAt > warmStartMs
  if (end === lastEnd && !startDue) return
  if (end < lastEnd || end > warmedTo) warmedTo = end
  lastEnd = end
  const fd = fs.openSync(file + '-wal', 'r')
  try {
    warmedTo = read(fd, warmedTo, end + warmBytes)
    if (startDue) {
      read(fd, 0, warmBytes)
      startWarmedAt = Date.now()
    }
  } finally {
    fs.closeSync(fd)
  }
}

let pausing = false
setInterval(() => {
  if (pausing) return
  try {
    let { log, checkpointed } = passive()
    try { warm(log) } catch {}
    if (log * pageSize <= restartBytes) return
    // Each pass copies what was written during the one before: little is left for the pause.
    for (let pass = 0; pass < 8 && log - checkpointed > 256; pass++) ({ log, checkpointed } = passive())
    pausing = true
    parentPort.postMessage('pause')
  } catch {}
}, interval)

// Writes are paused: copy the rest, so that the next write starts the log over.
parentPort.on('message', () => {
  try { passive() } catch {}
  pausing = false
  parentPort.postMessage('resume')
})
`

/**
 * Moves WAL checkpoints off the event loop: SQLite's automatic checkpoint runs inside a committing write and waits
 * for the disk, stalling every request behind it. Instead a worker thread with its own connection runs a PASSIVE
 * checkpoint (which never blocks writers; one that finds the database busy is simply tried again later) every
 * CHECKPOINT_INTERVAL_MS, and the main connection's automatic checkpoint is off. The worker also keeps the part of
 * the log the next writes overwrite in the page cache (see WORKER_SOURCE).
 *
 * A PASSIVE checkpoint never catches up while writes keep coming, and SQLite starts the log over only when a write
 * finds everything in it copied; under steady writes the log would grow without bound. Once it holds more than
 * `restartBytes`, the worker catches up with a few passes and asks the main thread to pause writes: new transactions
 * wait (asynchronously: reads and the event loop go on) while the worker copies the rest, and the first write after
 * it starts the log over (its file keeps its size and is reused). A RESTART checkpoint would do the same by making
 * writers wait in SQLite's busy handler, which sleeps on the event loop for up to hundreds of milliseconds.
 */
export function startCheckpointer(
  sqlite: SQLite.Database,
  file: string,
  control: GroupCommitControl,
  restartBytes = WAL_RESTART_BYTES,
): Worker {
  sqlite.pragma('wal_autocheckpoint = 0')
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file,
      interval: CHECKPOINT_INTERVAL_MS,
      restartBytes,
      warmBytes: WARM_BYTES,
      warmStartMs: WARM_START_MS,
    },
  })
  worker.on('message', (message) => {
    if (message === 'pause')
      void control.pauseWrites(MAX_WRITE_PAUSE_MS).then(() => worker.postMessage('paused'))
    else control.resumeWrites()
  })
  worker.on('exit', () => control.resumeWrites())
  worker.unref()
  return worker
}
