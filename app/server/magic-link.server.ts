import { sql } from "kysely";
import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { prepareEmail } from "~emails/index";
import type { Locale } from "~/i18n/index";
import { normalizeEmail } from "~/server/auth.server";
import { hit, type RateRule } from "~/server/rate-limit.server";
import { randomToken, sha256 } from "~/server/session.server";
import { announceOutboxWrite } from "~/features/mail/outbox-notify.server";
import { enqueueEmail } from "~/features/mail/outbox.server";

const lifetimeMs = 15 * 60_000;

/** Sign-in mails one address may receive: no one can flood a mailbox from this form. */
export const magicLinkMailRule: RateRule = { limit: 3, windowMs: 60 * 60_000 };

export type MagicLinkOutcome = "sent" | "unknown" | "capped";

/**
 * Writes a single-use token (only its hash) and the email carrying it, in one transaction.
 * The caller answers the same whatever happened, and the work is the same too, so that neither
 * the answer nor its time tells a known address from an unknown one: every request counts
 * against the address's mail budget, purges the expired tokens, writes a token row and runs the
 * outbox's statements; an unknown address's row names nobody (email "") and so signs nobody
 * in, and only a known one gets its mail queued. Past the budget nothing is written or sent.
 */
export async function requestMagicLink(
  db: DB,
  input: { email: string; locale: Locale; redirectTo: string; appUrl: string; now?: Date },
): Promise<{ sent: boolean; outcome: MagicLinkOutcome }> {
  const email = normalizeEmail(input.email);
  const now = input.now ?? new Date();
  return writeTransaction(db, async (trx) => {
    const participant = await trx.selectFrom("participants").select(["id", "full_name"]).where("email", "=", email).executeTakeFirst();
    const budget = await hit(trx, `magic-mail:${email}`, magicLinkMailRule, now);
    if (!budget.allowed) return { sent: false, outcome: "capped" as const };
    // Tokens past their time sign nobody in: they only kept an address.
    await trx.deleteFrom("login_tokens").where("expires_at", "<=", now.toISOString()).execute();
    const token = randomToken(32);
    const row = await trx
      .insertInto("login_tokens")
      .values({
        token_hash: sha256(token),
        email: participant ? email : "",
        redirect_to: input.redirectTo,
        expires_at: new Date(now.getTime() + lifetimeMs).toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const mail = {
      key: `login:${row.id}`,
      to: email,
      template: "sign-in-link" as const,
      locale: input.locale,
      data: { name: participant?.full_name ?? email, url: `${input.appUrl}/ingresar/enlace/${token}`, minutes: lifetimeMs / 60_000 },
    };
    if (!participant) {
      // What enqueueEmail does, writing nothing: the data check, an insert of no row, the
      // wake-up of the dispatchers (who find nothing), so each engine does the same round trips.
      prepareEmail(mail.template, mail.locale, mail.data);
      await trx
        .insertInto("email_outbox")
        .columns(["idempotency_key", "recipient", "template", "next_attempt_at"])
        .expression(
          trx
            .selectFrom("email_outbox")
            .select(["idempotency_key", "recipient", "template", "next_attempt_at"])
            .where(sql<boolean>`1 = 0`),
        )
        .execute();
      await announceOutboxWrite(trx);
      return { sent: false, outcome: "unknown" as const };
    }
    await enqueueEmail(trx, mail);
    return { sent: true, outcome: "sent" as const };
  });
}

export async function findUsableToken(db: DB, token: string, now = new Date()) {
  if (token.length < 20 || token.length > 200) return null;
  return (
    (await db
      .selectFrom("login_tokens")
      .select(["id", "email", "redirect_to"])
      .where("token_hash", "=", sha256(token))
      .where("used_at", "is", null)
      .where("expires_at", ">", now.toISOString())
      .executeTakeFirst()) ?? null
  );
}

/** Marks the token used with a conditional update, so two clicks sign in at most once. */
export async function consumeMagicLink(db: DB, token: string, now = new Date()) {
  const usable = await findUsableToken(db, token, now);
  if (!usable) return null;
  const claimed = await db
    .updateTable("login_tokens")
    .set({ used_at: now.toISOString() })
    .where("id", "=", usable.id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return null;
  if (!usable.email) return null;
  const participant = await db.selectFrom("participants").select("id").where("email", "=", usable.email).executeTakeFirst();
  return participant ? { participantId: participant.id, redirectTo: usable.redirect_to } : null;
}
