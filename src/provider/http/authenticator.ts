import type { Authenticated, TenantStore } from '../store/types.js'

/** Resolves a bearer token to its tenant, or undefined: at once (not as a promise) when the answer is cached. */
export type Authenticator = (token: string) => Authenticated | undefined | Promise<Authenticated | undefined>

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
  const lookUp = async (token: string, t: number) => {
    const auth = await tenants.authenticate(token)
    if (auth) {
      if (cache.size >= maxEntries) cache.clear()
      cache.set(token, { auth, until: t + ttl })
    } else {
      cache.delete(token)
    }
    return auth
  }
  return (token) => {
    const hit = cache.get(token)
    const t = now()
    return hit && hit.until > t ? hit.auth : lookUp(token, t)
  }
}
