import type { Insertable } from "kysely";
import type { DB } from "~db/client";
import type { Commitment, CommitmentsTable } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { makeEncounter } from "./encounter";
import { cityIdOf, dane, sequence } from "./sequence";

export type CommitmentOverrides = Partial<Insertable<CommitmentsTable>> & {
  /** The city by DANE code, when `city_id` is not given (Medellín by default). */
  cityDane?: string;
};

/**
 * A city's commitment as the app records it: proposed, due six months after its encounter (a
 * new one unless `encounter_id` is given), with its "created" history row, written at the
 * commitment's `created_at` and in its status (so one made "done" counts as done then). No mail
 * is queued: a test that needs the responsible official's mail records it through the app.
 */
export async function makeCommitment(db: DB, overrides: CommitmentOverrides = {}): Promise<Commitment> {
  const { cityDane, ...columns } = overrides;
  const n = sequence();
  const encounter =
    columns.encounter_id === undefined
      ? await makeEncounter(db)
      : await db.selectFrom("encounters").select(["id", "starts_at"]).where("id", "=", columns.encounter_id).executeTakeFirstOrThrow();
  const cityId = columns.city_id ?? (await cityIdOf(db, cityDane ?? dane.medellin));
  const now = new Date().toISOString();
  return writeTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("commitments")
      .values({
        title: `Incluir la prevención de la trata en el PISCC (${n})`,
        instrument: "PISCC",
        theme: "trafficking",
        responsible_name: `Responsable ${n}`,
        responsible_position: "Secretaría de Gobierno",
        responsible_email: `responsable.${n}@alcaldia.gov.co`,
        due_date: new Date(new Date(encounter.starts_at).getTime() + 182 * 86_400_000).toISOString().slice(0, 10),
        created_at: now,
        updated_at: now,
        ...columns,
        encounter_id: encounter.id,
        city_id: cityId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("commitment_updates")
      .values({
        commitment_id: row.id,
        kind: "created",
        author_kind: row.created_by_participant_id === null ? "organizer" : "participant",
        author_name: "Autor de prueba",
        author_participant_id: row.created_by_participant_id,
        status_from: null,
        status_to: row.status,
        progress_from: null,
        progress_to: Number(row.progress),
        created_at: row.created_at,
      })
      .execute();
    return row;
  });
}
