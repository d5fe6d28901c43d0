import { parseTargetPath } from '../mapping/index.js'
import type { PlannedOperation } from './patch-request.js'

/** A sent or wanted attribute set: target path → value (reference values hold target ids). */
export type FlatAttributes = Record<string, unknown>

/** How diffAttributes shapes operations. */
export interface DiffOptions {
  /** Paths whose old value stays when they stop flowing (create-only mappings, default values). */
  keep: (path: string) => boolean
  /**
   * RFC form: a value-filtered path (`emails[type eq "work"].value`) whose element was never sent becomes one `add`
   * of the element (`emails: [{ type: "work", value }]`), since a `replace` through a filter that matches nothing is
   * a noTarget error. Off: `replace` through the filter, as Entra sends it.
   */
  addNewElements: boolean
}

/**
 * The operations that bring the target from `previous` (what was last sent) to `next`: `add` for a path not sent
 * before, `replace` for a changed value, `remove` for a path no longer produced (unless `keep` says the old value
 * stays). Equal values produce nothing.
 */
export function diffAttributes(
  previous: FlatAttributes,
  next: FlatAttributes,
  options: DiffOptions,
): PlannedOperation[] {
  const ops: PlannedOperation[] = []
  const elements = new Map<string, PlannedOperation & { value: Record<string, unknown>[] }>()
  for (const [path, value] of Object.entries(next)) {
    if (path in previous) {
      if (!sameValue(previous[path], value)) ops.push({ op: 'replace', path, value })
      continue
    }
    const bracket = path.indexOf(']')
    if (bracket < 0) {
      ops.push({ op: 'add', path, value })
      continue
    }
    const selector = path.slice(0, bracket + 1)
    const elementSent = Object.keys(previous).some((p) => p.startsWith(selector))
    const parsed = options.addNewElements && !elementSent ? parseTargetPath(path) : undefined
    if (!parsed?.filter || !parsed.subAttribute) {
      ops.push({ op: 'replace', path, value })
      continue
    }
    const op = elements.get(selector) ?? {
      op: 'add' as const,
      path: parsed.schema ? `${parsed.schema}:${parsed.attribute}` : parsed.attribute,
      value: [{ [parsed.filter.attribute]: parsed.filter.value }],
    }
    op.value[0][parsed.subAttribute] = value
    if (!elements.has(selector)) {
      elements.set(selector, op)
      ops.push(op)
    }
  }
  for (const path of Object.keys(previous)) {
    if (!(path in next) && !options.keep(path)) ops.push({ op: 'remove', path })
  }
  return ops
}

/** Deep equality of JSON values. */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b)
}
