import { printAttrPath, printFilter } from '../filter/filter-printer.js'
import type { PatchPath } from './ast.js'

/** Prints a PATCH path as RFC 7644 text that parsePath reads back: `emails[type eq "work"].value`. */
export function printPath(path: PatchPath): string {
  const attr = printAttrPath(path.attr)
  if (!path.filter) return attr
  const valuePath = `${attr}[${printFilter(path.filter)}]`
  return path.subAttribute === undefined ? valuePath : `${valuePath}.${path.subAttribute}`
}
