import type { DB } from "~db/client";

// Fixed-window counters kept in the database, so that several processes share them.
export interface RateRule {
  limit: number;
  windowMs: number;
}

export const signInRule: RateRule = { limit: 10, windowMs: 15 * 60_000 };

/**
 * Per client address on the sign-in forms. Officials at a venue (or a mayor's office) share one
 * address, so this is sized for a room; the tight limit is per email address (signInRule).
 */
export const venueClientRule: RateRule = { limit: 200, windowMs: 15 * 60_000 };
export const passwordClientRule: RateRule = { limit: 50, windowMs: 15 * 60_000 };

export async function hit(db: DB, key: string, rule: RateRule, now = new Date()): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const nowIso = now.toISOString();
  const windowStartCutoff = new Date(now.getTime() - rule.windowMs).toISOString();
  const row = await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("rate_limits")
      .values({ key, window_started_at: nowIso, hits: 1 })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet((eb) => ({
          // An expired window starts again at one hit; a live one counts up.
          hits: eb.case().when("rate_limits.window_started_at", "<=", windowStartCutoff).then(1).else(eb("rate_limits.hits", "+", 1)).end(),
          window_started_at: eb
            .case()
            .when("rate_limits.window_started_at", "<=", windowStartCutoff)
            .then(nowIso)
            .else(eb.ref("rate_limits.window_started_at"))
            .end(),
        })),
      )
      .execute();
    return trx.selectFrom("rate_limits").select(["hits", "window_started_at"]).where("key", "=", key).executeTakeFirstOrThrow();
  });
  const resetAt = new Date(row.window_started_at).getTime() + rule.windowMs;
  return { allowed: row.hits <= rule.limit, retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now.getTime()) / 1000)) };
}

function tooManyAttempts(retryAfter: number): Response {
  return new Response(`Demasiados intentos. Espere ${Math.ceil(retryAfter / 60)} minuto(s) y vuelva a intentarlo.`, {
    status: 429,
    headers: { "Retry-After": String(retryAfter), "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * One password try, wherever a password is checked (sign-in, changing one's own): the same
 * counters per client and per address, so no second page is a way around the first's limits.
 * `email` is expected normalized.
 */
export async function enforcePasswordTryLimits(db: DB, client: string, email: string): Promise<void> {
  await enforceRateLimit(db, [`signin:client:${client}`], passwordClientRule);
  await enforceRateLimit(db, [`signin:email:${email}`], signInRule);
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
async function secondsBlocked(db: DB, key: string, rule: RateRule, now: Date): Promise<number> {
  const row = await db.selectFrom("rate_limits").select(["hits", "window_started_at"]).where("key", "=", key).executeTakeFirst();
  if (!row || row.hits < rule.limit) return 0;
  const left = new Date(row.window_started_at).getTime() + rule.windowMs - now.getTime();
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
