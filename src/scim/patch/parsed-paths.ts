import type { PatchPath } from '../path/ast.js'
import { parsePath } from '../path/parse-path.js'

const MAX_ENTRIES = 512
const cache = new Map<string, PatchPath>()

/**
 * parsePath with a bounded cache keyed by the path text: clients send the same few paths over and over
 * (`emails[type eq "work"].value`, `name.familyName`), and reusing the parsed path also lets the filter evaluator
 * reuse its compiled value filter. The cache empties when full. The returned path is shared: never mutate it.
 */
export function parsePathCached(text: string): PatchPath {
  let path = cache.get(text)
  if (!path) {
    path = parsePath(text)
    if (cache.size >= MAX_ENTRIES) cache.clear()
    cache.set(text, path)
  }
  return path
}
