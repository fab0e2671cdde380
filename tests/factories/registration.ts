import { createHash, randomBytes } from "node:crypto";
import type { Insertable } from "kysely";
import type { DB } from "~db/client";
import type { Registration, RegistrationsTable } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { makeEncounter } from "./encounter";
import { makeParticipant } from "./participant";

export type RegistrationOverrides = Partial<Insertable<RegistrationsTable>>;

/**
 * A registration as the app keeps it: confirmed unless told, for a new encounter and a new
 * participant unless their ids are given. A confirmed one counts in the encounter's and the
 * city's confirmed places; a waitlisted one without a position takes the encounter's next one.
 * No mail is queued: a test that needs the mail registers through the app.
 */
export async function makeRegistration(db: DB, overrides: RegistrationOverrides = {}): Promise<Registration> {
  const encounterId = overrides.encounter_id ?? (await makeEncounter(db)).id;
  const participantId = overrides.participant_id ?? (await makeParticipant(db)).id;
  const status = overrides.status ?? "confirmed";
  const now = new Date().toISOString();
  return writeTransaction(db, async (trx) => {
    let waitlistPosition = overrides.waitlist_position ?? null;
    if (status === "waitlisted" && waitlistPosition === null) {
      const encounter = await trx
        .updateTable("encounters")
        .set((eb) => ({ waitlist_seq: eb("waitlist_seq", "+", 1) }))
        .where("id", "=", encounterId)
        .returning("waitlist_seq")
        .executeTakeFirstOrThrow();
      waitlistPosition = Number(encounter.waitlist_seq);
    }
    const row = await trx
      .insertInto("registrations")
      .values({
        status,
        waitlist_position: waitlistPosition,
        consent_at: now,
        manage_token_hash: createHash("sha256").update(randomBytes(32)).digest("hex"),
        updated_at: now,
        cancelled_at: status === "cancelled" ? now : null,
        ...overrides,
        encounter_id: encounterId,
        participant_id: participantId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (status === "confirmed") {
      const { city_id } = await trx.selectFrom("participants").select("city_id").where("id", "=", participantId).executeTakeFirstOrThrow();
      await trx
        .updateTable("encounters")
        .set((eb) => ({ confirmed_count: eb("confirmed_count", "+", 1) }))
        .where("id", "=", encounterId)
        .execute();
      await trx
        .insertInto("encounter_city_places")
        .values({ encounter_id: encounterId, city_id, confirmed_count: 1 })
        .onConflict((oc) =>
          oc.columns(["encounter_id", "city_id"]).doUpdateSet((eb) => ({ confirmed_count: eb("encounter_city_places.confirmed_count", "+", 1) })),
        )
        .execute();
    }
    return row;
  });
}
