import type { DB } from "~db/client";

// Fixed-window counters kept in the database, so that several processes share them.
export interface RateRule {
  limit: number;
  windowMs: number;
}

export const signInRule: RateRule = { limit: 10, windowMs: 15 * 60_000 };

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

/** Counts one try against every key; past the limit on any, answers 429 in Spanish. */
export async function enforceRateLimit(db: DB, keys: string[], rule: RateRule = signInRule): Promise<void> {
  let retryAfter = 0;
  for (const key of keys) {
    const result = await hit(db, key, rule);
    if (!result.allowed) retryAfter = Math.max(retryAfter, result.retryAfterSeconds);
  }
  if (retryAfter > 0) {
    throw new Response(
      `Demasiados intentos. Espere ${Math.ceil(retryAfter / 60)} minuto(s) y vuelva a intentarlo.`,
      { status: 429, headers: { "Retry-After": String(retryAfter), "Content-Type": "text/plain; charset=utf-8" } },
    );
  }
}
