import type { DB } from "~db/client";

/** Who did what to which record; written in the same transaction as the change itself. */
export async function recordAudit(
  db: DB,
  entry: { actor: string; action: string; entity: string; entityId?: string | number | null; data?: unknown },
): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      data: entry.data === undefined ? null : JSON.stringify(entry.data),
    })
    .execute();
}

/** The actor label used in the audit log: "organizer:3", "participant:12", "responsible:a@b.co". */
export const actorOf = {
  organizer: (id: number) => `organizer:${id}`,
  participant: (id: number) => `participant:${id}`,
  responsible: (email: string) => `responsible:${email}`,
  system: "system",
};
