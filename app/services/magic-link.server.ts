import type { DB } from "~db/client";
import type { Locale } from "~/i18n";
import { normalizeEmail } from "~/utils/auth.server";
import { randomToken, sha256 } from "~/utils/session.server";
import { enqueueEmail } from "./outbox.server";
import { writeTransaction } from "~db/write-transaction";

const lifetimeMs = 15 * 60_000;

/**
 * Writes a single-use token (only its hash) and the email carrying it, in one transaction.
 * Unknown addresses get no email, but the caller answers the same either way.
 */
export async function requestMagicLink(
  db: DB,
  input: { email: string; locale: Locale; redirectTo: string; appUrl: string; now?: Date },
): Promise<{ sent: boolean }> {
  const email = normalizeEmail(input.email);
  const now = input.now ?? new Date();
  return writeTransaction(db, async (trx) => {
    const participant = await trx.selectFrom("participants").select(["id", "full_name", "locale"]).where("email", "=", email).executeTakeFirst();
    if (!participant) return { sent: false };
    const token = randomToken(32);
    const row = await trx
      .insertInto("login_tokens")
      .values({
        token_hash: sha256(token),
        email,
        redirect_to: input.redirectTo,
        expires_at: new Date(now.getTime() + lifetimeMs).toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueueEmail(trx, {
      key: `login:${row.id}`,
      to: email,
      template: "sign-in-link",
      locale: input.locale,
      data: { name: participant.full_name, url: `${input.appUrl}/ingresar/enlace/${token}`, minutes: lifetimeMs / 60_000 },
    });
    return { sent: true };
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
  const participant = await db.selectFrom("participants").select("id").where("email", "=", usable.email).executeTakeFirst();
  return participant ? { participantId: participant.id, redirectTo: usable.redirect_to } : null;
}
