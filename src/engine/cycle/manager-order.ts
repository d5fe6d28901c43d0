/** Deepest management chain the order distinguishes; deeper users (or cycles) sort last, in id order. */
const MAX_DEPTH = 9999

/**
 * Sort keys (`depth:id`, depth zero-padded) that put every user after the managers above it: depth is the number
 * of managers above a user within `managerOf` (user id → manager id; managers outside the map end the chain). An
 * initial cycle that creates users in this order can send the manager with the create, instead of a second PATCH in
 * the reference pass. Keys sort as strings, so they serve as resumable cursors.
 */
export function managerFirstKeys(managerOf: ReadonlyMap<string, string | null>): string[] {
  const depth = new Map<string, number>()
  const depthOf = (id: string): number => {
    const chain: string[] = []
    const onChain = new Set<string>()
    let base = -1
    for (let at: string | null | undefined = id; at !== undefined && at !== null && managerOf.has(at); ) {
      const known = depth.get(at)
      if (known !== undefined) {
        base = known
        break
      }
      if (onChain.has(at)) {
        base = MAX_DEPTH
        break
      }
      chain.push(at)
      onChain.add(at)
      at = managerOf.get(at)
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      base = Math.min(MAX_DEPTH, base + 1)
      depth.set(chain[i], base)
    }
    return depth.get(id) ?? 0
  }
  const keys: string[] = []
  for (const id of managerOf.keys()) keys.push(`${String(depthOf(id)).padStart(4, '0')}:${id}`)
  return keys.sort()
}

/** The user id of a key made by managerFirstKeys. */
export function idOfKey(key: string): string {
  return key.slice(key.indexOf(':') + 1)
}

/** The depth part of a key made by managerFirstKeys. */
export function depthOfKey(key: string): string {
  return key.slice(0, key.indexOf(':'))
}
