import fs from "node:fs";
import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { maxLogos, maxSignatories } from "~/features/certificates/rules";
import { actorOf, recordAudit } from "~/server/audit.server";
import { filePathForKey } from "~/server/storage.server";

// The organizers' changes to an encounter's certificate: its text and hours, the institutions'
// logos, the signatories. Each writes its audit entry in the same transaction. A file no row
// names any more is removed after the commit.

export interface StoredImage {
  key: string;
  type: "image/png" | "image/jpeg";
  width: number;
  height: number;
  size: number;
}

type Actor = { organizerId: number; encounterId: number };

export async function saveCertificateText(db: DB, actor: Actor, input: { textEs: string; textEn: string; showHours: boolean }): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const values = {
      text_es: input.textEs,
      text_en: input.textEn,
      show_hours: input.showHours ? 1 : 0,
      updated_at: new Date().toISOString(),
      updated_by: actor.organizerId,
    };
    await trx
      .insertInto("certificate_settings")
      .values({ encounter_id: actor.encounterId, ...values })
      .onConflict((oc) => oc.column("encounter_id").doUpdateSet(values))
      .execute();
    await recordAudit(trx, {
      actor: actorOf.organizer(actor.organizerId),
      action: "certificate.text",
      entity: "encounter",
      entityId: actor.encounterId,
      data: { showHours: input.showHours },
    });
  });
}

/** Adds a logo at the end; refused past maxLogos (the count is read in the write transaction). */
export async function addCertificateLogo(
  db: DB,
  actor: Actor,
  input: { institution: string; image: StoredImage },
): Promise<{ ok: true; id: number } | { ok: false; reason: "tooManyLogos" }> {
  return writeTransaction(db, async (trx) => {
    const existing = await trx.selectFrom("certificate_logos").select(["position"]).where("encounter_id", "=", actor.encounterId).execute();
    if (existing.length >= maxLogos) return { ok: false as const, reason: "tooManyLogos" as const };
    const { id } = await trx
      .insertInto("certificate_logos")
      .values({
        encounter_id: actor.encounterId,
        institution: input.institution,
        file_key: input.image.key,
        content_type: input.image.type,
        width: input.image.width,
        height: input.image.height,
        size: input.image.size,
        position: Math.max(0, ...existing.map((e) => e.position + 1)),
        created_by: actor.organizerId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: actorOf.organizer(actor.organizerId),
      action: "certificate.logo.add",
      entity: "certificate_logo",
      entityId: id,
      data: { institution: input.institution },
    });
    return { ok: true as const, id };
  });
}

export async function removeCertificateLogo(db: DB, actor: Actor, logoId: number): Promise<boolean> {
  const key = await writeTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("certificate_logos")
      .select(["file_key", "institution"])
      .where("id", "=", logoId)
      .where("encounter_id", "=", actor.encounterId)
      .executeTakeFirst();
    if (!row) return null;
    await trx.deleteFrom("certificate_logos").where("id", "=", logoId).execute();
    await recordAudit(trx, {
      actor: actorOf.organizer(actor.organizerId),
      action: "certificate.logo.remove",
      entity: "certificate_logo",
      entityId: logoId,
      data: { institution: row.institution },
    });
    return row.file_key;
  });
  if (key) await removeFile(key);
  return key !== null;
}

/**
 * Adds a signatory (id null) or changes one: name, position, and the signature image (a new
 * one replaces the old; `removeSignature` takes it away). Refused past maxSignatories.
 */
export async function saveCertificateSignatory(
  db: DB,
  actor: Actor,
  input: { id: number | null; name: string; title: string; image: StoredImage | null; removeSignature: boolean },
): Promise<{ ok: true; id: number } | { ok: false; reason: "tooManySignatories" | "gone" }> {
  const outcome = await writeTransaction(db, async (trx) => {
    const now = new Date().toISOString();
    const signature = input.image
      ? { signature_key: input.image.key, signature_type: input.image.type, signature_width: input.image.width, signature_height: input.image.height }
      : input.removeSignature
        ? { signature_key: null, signature_type: null, signature_width: null, signature_height: null }
        : {};
    let id = input.id;
    let oldKey: string | null = null;
    if (id === null) {
      const existing = await trx.selectFrom("certificate_signatories").select("position").where("encounter_id", "=", actor.encounterId).execute();
      if (existing.length >= maxSignatories) return { ok: false as const, reason: "tooManySignatories" as const };
      id = (
        await trx
          .insertInto("certificate_signatories")
          .values({
            encounter_id: actor.encounterId,
            name: input.name,
            title: input.title,
            position: Math.max(0, ...existing.map((e) => e.position + 1)),
            ...signature,
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    } else {
      const row = await trx
        .selectFrom("certificate_signatories")
        .select("signature_key")
        .where("id", "=", id)
        .where("encounter_id", "=", actor.encounterId)
        .executeTakeFirst();
      if (!row) return { ok: false as const, reason: "gone" as const };
      if ("signature_key" in signature) oldKey = row.signature_key;
      await trx
        .updateTable("certificate_signatories")
        .set({ name: input.name, title: input.title, updated_at: now, ...signature })
        .where("id", "=", id)
        .execute();
    }
    await recordAudit(trx, {
      actor: actorOf.organizer(actor.organizerId),
      action: input.id === null ? "certificate.signatory.add" : "certificate.signatory.edit",
      entity: "certificate_signatory",
      entityId: id,
      data: { signature: input.image ? "new" : input.removeSignature ? "removed" : "kept" },
    });
    return { ok: true as const, id, oldKey };
  });
  if (!outcome.ok) return outcome;
  if (outcome.oldKey) await removeFile(outcome.oldKey);
  return { ok: true, id: outcome.id };
}

export async function removeCertificateSignatory(db: DB, actor: Actor, signatoryId: number): Promise<boolean> {
  const found = await writeTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("certificate_signatories")
      .select("signature_key")
      .where("id", "=", signatoryId)
      .where("encounter_id", "=", actor.encounterId)
      .executeTakeFirst();
    if (!row) return null;
    await trx.deleteFrom("certificate_signatories").where("id", "=", signatoryId).execute();
    await recordAudit(trx, {
      actor: actorOf.organizer(actor.organizerId),
      action: "certificate.signatory.remove",
      entity: "certificate_signatory",
      entityId: signatoryId,
    });
    return { key: row.signature_key };
  });
  if (found?.key) await removeFile(found.key);
  return found !== null;
}

async function removeFile(key: string) {
  await fs.promises.rm(filePathForKey(key), { force: true }).catch(() => undefined);
}
