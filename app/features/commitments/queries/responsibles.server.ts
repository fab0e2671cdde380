import { sql } from "kysely";
import type { DB } from "~db/client";

// The organizers' review of officials' mail (/admin/compromisos/responsables): the responsibles
// officials named that nobody confirmed yet, and the mails the daily cap held back.

// One official may cause thousands of these: each list shows at most this many per official
// (the newest), and the summary by official counts them all, so nobody else's are pushed off.
export const reviewRowsPerOfficial = 10;

// Who named a pending responsible: the official whose action last mailed the commitment's
// responsible (every official's naming writes an official_mails row), else its recorder.
export const namedBy = sql<
  number | null
>`coalesce((select om.participant_id from official_mails om where om.commitment_id = commitments.id order by om.id desc limit 1), commitments.created_by_participant_id)`;

export function pendingCommitments(db: DB) {
  return db.selectFrom("commitments").where("commitments.responsible_pending_at", "is not", null).where("commitments.reminders_stopped_at", "is", null);
}

export async function listPendingResponsibles(db: DB) {
  const ranked = pendingCommitments(db)
    .select([
      "commitments.id",
      namedBy.as("named_by"),
      sql<number>`row_number() over (partition by ${namedBy} order by commitments.updated_at desc, commitments.id desc)`.as("rank"),
    ])
    .as("ranked");
  return db
    .selectFrom(ranked)
    .innerJoin("commitments", "commitments.id", "ranked.id")
    .innerJoin("cities", "cities.id", "commitments.city_id")
    .innerJoin("encounters", "encounters.id", "commitments.encounter_id")
    .leftJoin("participants", "participants.id", "commitments.created_by_participant_id")
    .select([
      "commitments.id",
      "commitments.title",
      "commitments.responsible_name",
      "commitments.responsible_email",
      "commitments.created_at",
      "commitments.updated_at",
      "cities.name as city_name",
      "encounters.title as encounter_title",
      "encounters.timezone as encounter_timezone",
      "participants.full_name as recorded_by",
      "ranked.named_by",
    ])
    .where("ranked.rank", "<=", reviewRowsPerOfficial)
    .orderBy("commitments.updated_at", "desc")
    .execute();
}

/** Mails held by the cap, and those an organizer stopped, newest first (a few per official and status). */
export async function listReviewedMails(db: DB) {
  const ranked = db
    .selectFrom("official_mails")
    .select([
      "official_mails.id",
      sql<number>`row_number() over (partition by official_mails.participant_id, official_mails.status order by official_mails.created_at desc, official_mails.id desc)`.as(
        "rank",
      ),
    ])
    .where("official_mails.status", "in", ["held", "stopped"])
    .as("ranked");
  return db
    .selectFrom(ranked)
    .innerJoin("official_mails", "official_mails.id", "ranked.id")
    .innerJoin("participants", "participants.id", "official_mails.participant_id")
    .innerJoin("commitments", "commitments.id", "official_mails.commitment_id")
    .innerJoin("cities", "cities.id", "commitments.city_id")
    .select([
      "official_mails.id",
      "official_mails.recipient",
      "official_mails.kind",
      "official_mails.status",
      "official_mails.created_at",
      "official_mails.decided_at",
      "official_mails.commitment_id",
      "official_mails.participant_id",
      "participants.full_name as official_name",
      "participants.email as official_email",
      "cities.name as city_name",
      "commitments.title as commitment_title",
    ])
    .where("ranked.rank", "<=", reviewRowsPerOfficial)
    .orderBy("official_mails.status")
    .orderBy("official_mails.created_at", "desc")
    .execute();
}

export interface OfficialSummary {
  participantId: number | null;
  name: string | null;
  email: string | null;
  cityName: string | null;
  pending: number;
  held: number;
  stopped: number;
}

/** Every official with pending responsibles or held or stopped mails, with how many; most first. */
export async function summarizeByOfficial(db: DB): Promise<OfficialSummary[]> {
  const [pending, mails] = await Promise.all([
    db
      .selectFrom(pendingCommitments(db).select(namedBy.as("named_by")).as("p"))
      .select(["p.named_by", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("p.named_by")
      .execute(),
    db
      .selectFrom("official_mails")
      .select(["participant_id", "status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("status", "in", ["held", "stopped"])
      .groupBy(["participant_id", "status"])
      .execute(),
  ]);
  const byOfficial = new Map<number | null, OfficialSummary>();
  const entry = (id: number | null) => {
    let found = byOfficial.get(id);
    if (!found) byOfficial.set(id, (found = { participantId: id, name: null, email: null, cityName: null, pending: 0, held: 0, stopped: 0 }));
    return found;
  };
  for (const row of pending) entry(row.named_by).pending += Number(row.n);
  for (const row of mails) entry(row.participant_id)[row.status === "held" ? "held" : "stopped"] += Number(row.n);
  const ids = [...byOfficial.keys()].filter((id): id is number => id !== null);
  for (let i = 0; i < ids.length; i += 500) {
    const people = await db
      .selectFrom("participants")
      .innerJoin("cities", "cities.id", "participants.city_id")
      .select(["participants.id", "participants.full_name", "participants.email", "cities.name as city_name"])
      .where("participants.id", "in", ids.slice(i, i + 500))
      .execute();
    for (const p of people) Object.assign(entry(p.id), { name: p.full_name, email: p.email, cityName: p.city_name });
  }
  return [...byOfficial.values()].sort((a, b) => b.pending + b.held - (a.pending + a.held) || b.stopped - a.stopped);
}
