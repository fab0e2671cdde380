import type { DB } from "~db/client";

// Reads of an encounter's minutes (relatoría): the general record and one per agenda item,
// with whether and since when they are published.

export interface Minutes {
  body: string;
  publishedAt: string | null;
  notifiedAt: string | null;
  updatedAt: string | null;
  sessions: Array<{ agendaItemId: number; title: string; startsAt: string; endsAt: string; kind: string; body: string }>;
}

export async function minutesOf(db: DB, encounterId: number): Promise<Minutes> {
  const [general, sessions] = await Promise.all([
    db.selectFrom("encounter_minutes").selectAll().where("encounter_id", "=", encounterId).executeTakeFirst(),
    db
      .selectFrom("agenda_items")
      .leftJoin("session_minutes", "session_minutes.agenda_item_id", "agenda_items.id")
      .select(["agenda_items.id", "agenda_items.title", "agenda_items.starts_at", "agenda_items.ends_at", "agenda_items.kind", "session_minutes.body"])
      .where("agenda_items.encounter_id", "=", encounterId)
      .orderBy("agenda_items.starts_at")
      .orderBy("agenda_items.position")
      .execute(),
  ]);
  return {
    body: general?.body ?? "",
    publishedAt: general?.published_at ?? null,
    notifiedAt: general?.notified_at ?? null,
    updatedAt: general?.updated_at ?? null,
    sessions: sessions.map((s) => ({ agendaItemId: s.id, title: s.title, startsAt: s.starts_at, endsAt: s.ends_at, kind: s.kind, body: s.body ?? "" })),
  };
}

/** Whether the encounter has published minutes (the materials page links them). */
export async function minutesPublished(db: DB, encounterId: number): Promise<boolean> {
  const row = await db.selectFrom("encounter_minutes").select("published_at").where("encounter_id", "=", encounterId).executeTakeFirst();
  return Boolean(row?.published_at);
}

/** Who is told once when the minutes are published: confirmed registrants who did not stop messages. */
export async function minutesAudience(db: DB, encounterId: number) {
  return db
    .selectFrom("registrations")
    .innerJoin("participants", "participants.id", "registrations.participant_id")
    .select(["participants.id", "participants.email", "participants.full_name", "registrations.locale"])
    .where("registrations.encounter_id", "=", encounterId)
    .where("registrations.status", "=", "confirmed")
    .where("participants.messages_stopped_at", "is", null)
    .orderBy("participants.id")
    .execute();
}
