import type { Authenticated, TenantStore } from '../store/types.js'

/** Resolves a bearer token to its tenant, or undefined. */
export type Authenticator = (token: string) => Promise<Authenticated | undefined>

/**
 * Wraps `tenants.authenticate` with a small in-memory cache of successful look-ups, so the hot path costs no query.
 * A revoked or rotated token (also from another process, e.g. the CLI) stops working within `ttlMs` (default 5 s);
 * failed look-ups are never cached. `ttlMs: 0` turns the cache off.
 */
export function cachedAuthenticator(
  tenants: TenantStore,
  options: { ttlMs?: number; now?: () => number; maxEntries?: number } = {},
): Authenticator {
  const ttl = options.ttlMs ?? 5_000
  const now = options.now ?? Date.now
  const maxEntries = options.maxEntries ?? 10_000
  const cache = new Map<string, { auth: Authenticated; until: number }>()
  if (ttl <= 0) return (token) => tenants.authenticate(token)
  return async (token) => {
    const hit = cache.get(token)
    const t = now()
    if (hit && hit.until > t) return hit.auth
    const auth = await tenants.authenticate(token)
    if (auth) {
      if (cache.size >= maxEntries) cache.clear()
      cache.set(token, { auth, until: t + ttl })
    } else {
      cache.delete(token)
    }
    return auth
  }
}
