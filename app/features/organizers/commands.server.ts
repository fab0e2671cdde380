import { isUniqueViolation, type DB } from "~db/client";
import type { OrganizerRole } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { actorOf, recordAudit } from "~/server/audit.server";
import { activeAdminCount } from "~/features/organizers/queries.server";
import { generatePassword, hashPassword, verifyPassword } from "~/server/password.server";

// Organizer accounts, managed by admins from /admin/organizadores. Every rule that depends on the
// other accounts (the last active admin) is decided inside the write transaction that makes the
// change, so two admins acting at once cannot both remove "the other" admin.

export type AccountRefusal = "notFound" | "self" | "lastAdmin";
export type AccountChange = { ok: true; name: string; changed: boolean } | { ok: false; refusal: AccountRefusal };

/**
 * A new account with the given password, or a generated one, returned to be shown once: only
 * its hash is kept. The email is expected normalized (the form's schema lowercases and trims
 * it). `actor` is the admin who creates it, or "cli" for `npm run user:create`.
 */
export async function createOrganizerAccount(
  db: DB,
  input: { name: string; email: string; role: OrganizerRole; password?: string },
  actor: number | "cli",
): Promise<{ ok: true; id: number; password: string } | { ok: false; refusal: "emailTaken" }> {
  const password = input.password ?? generatePassword();
  // Hashed before the transaction: scrypt takes tens of milliseconds, too long to hold the write lock.
  const passwordHash = await hashPassword(password);
  try {
    return await writeTransaction(db, async (trx) => {
      const taken = await trx.selectFrom("organizers").select("id").where("email", "=", input.email).executeTakeFirst();
      if (taken) return { ok: false as const, refusal: "emailTaken" as const };
      const row = await trx
        .insertInto("organizers")
        .values({ name: input.name, email: input.email, role: input.role, password_hash: passwordHash })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor: actor === "cli" ? actor : actorOf.organizer(actor),
        action: "organizer.create",
        entity: "organizer",
        entityId: row.id,
        data: { email: input.email, role: input.role },
      });
      return { ok: true as const, id: row.id, password };
    });
  } catch (error) {
    // Written by another request (or `npm run user:create`) after the check.
    if (isUniqueViolation(error)) return { ok: false, refusal: "emailTaken" };
    throw error;
  }
}

/** Disables (ending every session at once) or re-enables an account. */
export async function setOrganizerDisabled(db: DB, input: { id: number; disabled: boolean; actorId: number }): Promise<AccountChange> {
  return writeTransaction(db, async (trx) => {
    const target = await trx.selectFrom("organizers").select(["id", "name", "role", "disabled_at"]).where("id", "=", input.id).executeTakeFirst();
    if (!target) return { ok: false, refusal: "notFound" };
    if (!input.disabled) {
      if (target.disabled_at === null) return { ok: true, name: target.name, changed: false };
      await trx.updateTable("organizers").set({ disabled_at: null }).where("id", "=", target.id).execute();
      await recordAudit(trx, { actor: actorOf.organizer(input.actorId), action: "organizer.enable", entity: "organizer", entityId: target.id });
      return { ok: true, name: target.name, changed: true };
    }
    if (target.disabled_at !== null) return { ok: true, name: target.name, changed: false };
    if (target.role === "admin" && (await activeAdminCount(trx)) <= 1) return { ok: false, refusal: "lastAdmin" };
    if (target.id === input.actorId) return { ok: false, refusal: "self" };
    await trx.updateTable("organizers").set({ disabled_at: new Date().toISOString() }).where("id", "=", target.id).execute();
    // A disabled account is refused at sign-in, but a cookie already issued would still name a live session.
    const ended = await trx.deleteFrom("sessions").where("organizer_id", "=", target.id).executeTakeFirst();
    await recordAudit(trx, {
      actor: actorOf.organizer(input.actorId),
      action: "organizer.disable",
      entity: "organizer",
      entityId: target.id,
      data: { sessionsEnded: Number(ended.numDeletedRows) },
    });
    return { ok: true, name: target.name, changed: true };
  });
}

export async function setOrganizerRole(db: DB, input: { id: number; role: OrganizerRole; actorId: number }): Promise<AccountChange> {
  return writeTransaction(db, async (trx) => {
    const target = await trx.selectFrom("organizers").select(["id", "name", "role", "disabled_at"]).where("id", "=", input.id).executeTakeFirst();
    if (!target) return { ok: false, refusal: "notFound" };
    if (target.role === input.role) return { ok: true, name: target.name, changed: false };
    if (target.role === "admin" && target.disabled_at === null && (await activeAdminCount(trx)) <= 1) return { ok: false, refusal: "lastAdmin" };
    if (target.id === input.actorId) return { ok: false, refusal: "self" };
    await trx.updateTable("organizers").set({ role: input.role }).where("id", "=", target.id).execute();
    await recordAudit(trx, {
      actor: actorOf.organizer(input.actorId),
      action: "organizer.role",
      entity: "organizer",
      entityId: target.id,
      data: { from: target.role, to: input.role },
    });
    return { ok: true, name: target.name, changed: true };
  });
}

/**
 * An organizer's own password, from /admin/cuenta: the current one must verify. Every other
 * session of the account ends (a device left signed in elsewhere, perhaps by whoever learned
 * the old password); the one making the change stays open.
 */
export async function changeOwnPassword(
  db: DB,
  input: { organizerId: number; currentPassword: string; newPassword: string; keepSessionId: string },
): Promise<{ ok: true; sessionsEnded: number } | { ok: false; refusal: "wrongPassword" }> {
  const row = await db.selectFrom("organizers").select("password_hash").where("id", "=", input.organizerId).where("disabled_at", "is", null).executeTakeFirst();
  if (!row || !(await verifyPassword(input.currentPassword, row.password_hash))) return { ok: false, refusal: "wrongPassword" };
  // Both scrypt runs happen before the transaction: too slow to hold the write lock.
  const newHash = await hashPassword(input.newPassword);
  return writeTransaction(db, async (trx) => {
    // Only over the hash that was verified: if another tab changed the password (or an admin
    // disabled the account) meanwhile, the password typed here is no longer the current one.
    const updated = await trx
      .updateTable("organizers")
      .set({ password_hash: newHash })
      .where("id", "=", input.organizerId)
      .where("password_hash", "=", row.password_hash)
      .where("disabled_at", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { ok: false as const, refusal: "wrongPassword" as const };
    const ended = await trx.deleteFrom("sessions").where("organizer_id", "=", input.organizerId).where("id", "!=", input.keepSessionId).executeTakeFirst();
    const sessionsEnded = Number(ended.numDeletedRows);
    await recordAudit(trx, {
      actor: actorOf.organizer(input.organizerId),
      action: "organizer.password",
      entity: "organizer",
      entityId: input.organizerId,
      data: { sessionsEnded },
    });
    return { ok: true as const, sessionsEnded };
  });
}
