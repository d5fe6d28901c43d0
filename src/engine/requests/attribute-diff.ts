import type { PlannedOperation } from './patch-request.js'

/** A sent or wanted attribute set: target path → value (reference values hold target ids). */
export type FlatAttributes = Record<string, unknown>

/**
 * The operations that bring the target from `previous` (what was last sent) to `next`: `add` for a path not sent
 * before (`replace` when the path has a value filter, which RFC 7644 allows only there), `replace` for a changed value, `remove` for a path no longer produced, unless `keep(path)` says the old value
 * stays (create-only mappings and default values are not cleared by updates). Equal values produce nothing.
 */
export function diffAttributes(
  previous: FlatAttributes,
  next: FlatAttributes,
  keep: (path: string) => boolean,
): PlannedOperation[] {
  const ops: PlannedOperation[] = []
  for (const [path, value] of Object.entries(next)) {
    if (!(path in previous)) ops.push({ op: path.includes('[') ? 'replace' : 'add', path, value })
    else if (!sameValue(previous[path], value)) ops.push({ op: 'replace', path, value })
  }
  for (const path of Object.keys(previous)) {
    if (!(path in next) && !keep(path)) ops.push({ op: 'remove', path })
  }
  return ops
}

/** Deep equality of JSON values. */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b)
}
