import { createHmac } from "node:crypto";
import type { DB } from "~db/client";
import { getEnv } from "./env.server";

// Fixed-window counters kept in the database, so that several processes share them.
export interface RateRule {
  limit: number;
  windowMs: number;
}

export const signInRule: RateRule = { limit: 10, windowMs: 15 * 60_000 };

/**
 * Per client address on the sign-in forms. Officials at a venue (or a mayor's office) share one
 * address, so this is sized for a room. Passwords have their own rules (password-limits.server).
 */
export const venueClientRule: RateRule = { limit: 200, windowMs: 15 * 60_000 };

/**
 * What the table holds for a key: an HMAC-SHA256 keyed with the session secret, so that the
 * counters name no email or client address (Ley 1581), and, unlike a plain SHA-256, a list of
 * known addresses cannot be hashed to read them back. Changing the secret only restarts the
 * counters.
 */
export function storedRateKey(key: string, secret = getEnv().sessionSecret): string {
  return createHmac("sha256", secret).update(key).digest("base64url");
}

export interface Counter {
  hits: number;
  windowStartedAt: string;
  lastHitAt: string | null;
}

/** Counts one hit against `key` (one statement, so it also runs inside a transaction). */
export async function hit(db: DB, key: string, rule: RateRule, now = new Date()): Promise<{ allowed: boolean; retryAfterSeconds: number; hits: number }> {
  const nowIso = now.toISOString();
  const windowStartCutoff = new Date(now.getTime() - rule.windowMs).toISOString();
  const expiresAt = new Date(now.getTime() + rule.windowMs).toISOString();
  const stored = storedRateKey(key);
  const row = await db
    .insertInto("rate_limits")
    .values({ key: stored, window_started_at: nowIso, hits: 1, expires_at: expiresAt, last_hit_at: nowIso })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet((eb) => {
        // An expired window starts again at one hit; a live one counts up.
        const expired = eb("rate_limits.window_started_at", "<=", windowStartCutoff);
        return {
          hits: eb
            .case()
            .when(expired)
            .then(1)
            .else(eb("rate_limits.hits", "+", 1))
            .end(),
          window_started_at: eb.case().when(expired).then(nowIso).else(eb.ref("rate_limits.window_started_at")).end(),
          expires_at: eb
            .case()
            .when(expired)
            .then(expiresAt)
            .else(eb.fn.coalesce("rate_limits.expires_at", eb.val(expiresAt)))
            .end(),
          last_hit_at: nowIso,
        };
      }),
    )
    .returning(["hits", "window_started_at"])
    .executeTakeFirstOrThrow();
  // A new window is the moment to forget the windows that ended: the table keeps nothing past
  // its use (old rows were only ever counters).
  if (row.hits === 1) await purgeExpiredCounters(db, now);
  const resetAt = new Date(row.window_started_at).getTime() + rule.windowMs;
  return { allowed: row.hits <= rule.limit, retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now.getTime()) / 1000)), hits: row.hits };
}

/** Deletes the counters whose window is over. */
export async function purgeExpiredCounters(db: DB, now = new Date()): Promise<number> {
  const result = await db
    .deleteFrom("rate_limits")
    .where((eb) => eb.or([eb("expires_at", "<=", now.toISOString()), eb("expires_at", "is", null)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The key's live counter (nothing counted), or null when it has none in the rule's window. */
export async function readCounter(db: DB, key: string, rule: RateRule, now = new Date()): Promise<Counter | null> {
  const row = await db.selectFrom("rate_limits").select(["hits", "window_started_at", "last_hit_at"]).where("key", "=", storedRateKey(key)).executeTakeFirst();
  if (!row || new Date(row.window_started_at).getTime() + rule.windowMs <= now.getTime()) return null;
  return { hits: row.hits, windowStartedAt: row.window_started_at, lastHitAt: row.last_hit_at };
}

/** Forgets a key's counter (a right password clears that client's failures on the account). */
export async function clearCounter(db: DB, key: string): Promise<void> {
  await db.deleteFrom("rate_limits").where("key", "=", storedRateKey(key)).execute();
}

export function tooManyAttempts(retryAfter: number): Response {
  const minutes = Math.ceil(retryAfter / 60);
  return new Response(`Demasiados intentos. Espere ${minutes} ${minutes === 1 ? "minuto" : "minutos"} y vuelva a intentarlo.`, {
    status: 429,
    headers: { "Retry-After": String(retryAfter), "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** Counts one try against every key; past the limit on any, answers 429 in Spanish. */
export async function enforceRateLimit(db: DB, keys: string[], rule: RateRule = signInRule): Promise<void> {
  let retryAfter = 0;
  for (const key of keys) {
    const result = await hit(db, key, rule);
    if (!result.allowed) retryAfter = Math.max(retryAfter, result.retryAfterSeconds);
  }
  if (retryAfter > 0) throw tooManyAttempts(retryAfter);
}

/** Seconds left in the key's window once it has used up its limit (counts nothing); 0 otherwise. */
export async function secondsBlocked(db: DB, key: string, rule: RateRule, now: Date): Promise<number> {
  const row = await readCounter(db, key, rule, now);
  if (!row || row.hits < rule.limit) return 0;
  const left = new Date(row.windowStartedAt).getTime() + rule.windowMs - now.getTime();
  return left > 0 ? Math.ceil(left / 1000) : 0;
}

/** Wrong secrets one client may try on a signed-link page (manage, download, certificate links). */
export const signedLinkRule: RateRule = { limit: 30, windowMs: 15 * 60_000 };

/**
 * For pages opened with a secret in the address: only failed lookups count, so a venue behind
 * one address can open hundreds of good links; but once a client has failed `rule.limit` times
 * in the window it is refused (429, in Spanish) before any lookup, so that a guess that happens
 * to be right is refused too and the answer says nothing.
 */
export async function limitFailedLookups<T>(
  db: DB,
  keys: string[],
  rule: RateRule,
  lookup: () => Promise<T> | T,
  failed: (result: T) => boolean,
  now = new Date(),
): Promise<T> {
  let retryAfter = 0;
  for (const key of keys) retryAfter = Math.max(retryAfter, await secondsBlocked(db, key, rule, now));
  if (retryAfter > 0) throw tooManyAttempts(retryAfter);
  const result = await lookup();
  if (failed(result)) for (const key of keys) await hit(db, key, rule, now);
  return result;
}
