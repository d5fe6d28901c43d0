/** A unique constraint was violated; `constraint` names the index or columns where the driver says which. */
export class ConflictError extends Error {
  readonly code = 'DB_CONFLICT'
  readonly constraint: string | undefined

  constructor(message: string, constraint?: string) {
    super(message)
    this.name = 'ConflictError'
    this.constraint = constraint
  }
}

/** Turns a driver's unique-violation error (SQLite `SQLITE_CONSTRAINT_UNIQUE`, PostgreSQL `23505`) into a ConflictError; other errors pass through. */
export function normaliseDbError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error
  const e = error as { code?: string; message?: string; constraint?: string }
  if (
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e.code === '23505'
  ) {
    return new ConflictError(e.message ?? 'unique constraint violated', e.constraint)
  }
  return error
}

/** Runs `fn`, rethrowing unique violations as ConflictError. */
export async function withConflicts<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    throw normaliseDbError(error)
  }
}
