/**
 * Closes the server once on SIGINT or SIGTERM, then lets the process exit; a second signal exits at once.
 * Returns a function that removes the handlers.
 */
export function closeOnSignals(close: () => Promise<void>, log: (message: string) => void): () => void {
  let closing = false
  const handler = (signal: NodeJS.Signals) => {
    if (closing) {
      log(`${signal} again: exiting now`)
      process.exit(1)
    }
    closing = true
    log(`${signal}: shutting down`)
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`shutdown failed: ${(error as Error).message}`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
  return () => {
    process.off('SIGINT', handler)
    process.off('SIGTERM', handler)
  }
}
