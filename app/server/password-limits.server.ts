import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { actorOf, recordAudit } from "~/server/audit.server";
import { clearCounter, hit, readCounter, secondsBlocked, tooManyAttempts, type RateRule } from "./rate-limit.server";

// Password tries, wherever a password is checked (organizer sign-in, changing one's own at
// /admin/cuenta): the same counters, so no second page is a way around the first's limits.
//
// Only wrong passwords count. A client that keeps failing is refused (429): overall, and for
// one account. An account is never locked: its failures from everywhere only make each try on it
// wait a little longer, so an attacker with many addresses cannot keep its owner out, and a
// right password from a client that has not been failing always gets in (after that wait at
// most). Each refusal and each slow-down is audited when it starts, for the admins' page.

const window15 = 15 * 60_000;

export const passwordRules = {
  /** Wrong passwords from one client address, whatever the accounts (an office shares one). */
  client: { limit: 50, windowMs: window15 },
  /** Wrong passwords for one account from one client address. */
  accountClient: { limit: 10, windowMs: window15 },
  /** Wrong passwords for one account from anywhere, before its tries are slowed down. */
  account: { limit: 10, windowMs: window15 },
} satisfies Record<string, RateRule>;

/** The wait after the last failure, doubling with each failure past the account's limit. */
export const slowDown = { firstMs: 1_000, maxMs: 15_000 };

export function accountDelayMs(failures: number): number {
  const over = failures - passwordRules.account.limit;
  return over <= 0 ? 0 : Math.min(slowDown.maxMs, slowDown.firstMs * 2 ** (over - 1));
}

// Counter keys; the table stores only their keyed hash (rate-limit.server).
export const passwordKeys = {
  client: (client: string) => `password:client:${client}`,
  accountClient: (email: string, client: string) => `password:account-client:${email}:${client}`,
  account: (email: string) => `password:account:${email}`,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a try on this account waits now: the slow-down left since its last failure. */
export async function accountWaitMs(db: DB, email: string, now = new Date()): Promise<number> {
  const counter = await readCounter(db, passwordKeys.account(email), passwordRules.account, now);
  if (!counter?.lastHitAt) return 0;
  return Math.max(0, new Date(counter.lastHitAt).getTime() + accountDelayMs(counter.hits) - now.getTime());
}

/**
 * Before checking a password: refuses (429) a client that has failed too often, overall or on
 * this account; otherwise waits out the account's slow-down. Counts nothing. `email` normalized.
 */
export async function enforcePasswordTryLimits(db: DB, client: string, email: string, now = new Date()): Promise<void> {
  const blocked = Math.max(
    await secondsBlocked(db, passwordKeys.client(client), passwordRules.client, now),
    await secondsBlocked(db, passwordKeys.accountClient(email, client), passwordRules.accountClient, now),
  );
  if (blocked > 0) throw tooManyAttempts(blocked);
  const wait = await accountWaitMs(db, email, now);
  if (wait > 0) await sleep(wait);
}

/**
 * After checking a password. A wrong one counts against the client, the account and the pair,
 * and audits the moment a limit is reached; a right one counts nothing and clears this
 * client's failures on the account.
 */
export async function recordPasswordTry(db: DB, input: { client: string; email: string; ok: boolean; now?: Date }): Promise<void> {
  const { client, email } = input;
  const now = input.now ?? new Date();
  if (input.ok) {
    await clearCounter(db, passwordKeys.accountClient(email, client));
    return;
  }
  await writeTransaction(db, async (trx) => {
    const byClient = await hit(trx, passwordKeys.client(client), passwordRules.client, now);
    const byPair = await hit(trx, passwordKeys.accountClient(email, client), passwordRules.accountClient, now);
    const byAccount = await hit(trx, passwordKeys.account(email), passwordRules.account, now);
    const account = await trx.selectFrom("organizers").select("id").where("email", "=", email).executeTakeFirst();
    const until = (retryAfterSeconds: number) => new Date(now.getTime() + retryAfterSeconds * 1000).toISOString();
    // Each fires once per window: on the failure that reaches the limit.
    if (byClient.hits === passwordRules.client.limit) {
      await recordAudit(trx, {
        actor: actorOf.system,
        action: "signin.blocked",
        entity: account ? "organizer" : "sign-in",
        entityId: account?.id ?? null,
        data: { scope: "client", client, failures: byClient.hits, until: until(byClient.retryAfterSeconds) },
      });
    }
    // Unknown addresses have no owner to protect or to tell: only the client-wide refusal is kept.
    if (!account) return;
    if (byPair.hits === passwordRules.accountClient.limit) {
      await recordAudit(trx, {
        actor: actorOf.system,
        action: "signin.blocked",
        entity: "organizer",
        entityId: account.id,
        data: { scope: "account-client", client, failures: byPair.hits, until: until(byPair.retryAfterSeconds) },
      });
    }
    if (byAccount.hits === passwordRules.account.limit + 1) {
      await recordAudit(trx, {
        actor: actorOf.system,
        action: "signin.slowed",
        entity: "organizer",
        entityId: account.id,
        data: { scope: "account", client, failures: byAccount.hits, until: until(byAccount.retryAfterSeconds) },
      });
    }
  });
}
