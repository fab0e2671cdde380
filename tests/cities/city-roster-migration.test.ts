import { beforeAll, describe, expect, it } from "vitest";
import { registerForEncounter } from "~/features/registrations/commands/register.server";
import type { CommitmentActor } from "~/features/commitments/rules";
import { changeCommitmentDetails } from "~/features/commitments/commands/record.server";
import { getDb } from "~/server/db.server";
import * as cityRoster from "~db/migrations/2026_12_07_01_city_roster";
import { verifiedParticipant } from "../helpers/auth";
import { appUrl, cityId, fields, record, secret } from "../commitments/helpers";
import { makeEncounter, makeOrganizer } from "../factories";

// Issue 14, review of items 1 and 8: the city roster's migration, run over data written before
// it. The rows are written with today's code, then the migration is taken down (the roster and
// its columns go, commitments and their history stay) and run again, as on the production
// database that never had it.

const now = new Date("2025-01-15T20:00:00.000Z");

// The organizer who checks people in and vouches for them, and the encounter they register for.
beforeAll(async () => {
  const db = getDb();
  await makeOrganizer(db, { role: "admin" });
  await makeEncounter(db, { slug: "seguimiento" });
});

async function official(email: string, via: "check_in" | "organizer"): Promise<CommitmentActor & { kind: "participant" }> {
  const db = getDb();
  const medellin = await cityId("05001");
  if (via === "organizer") return { kind: "participant", id: await verifiedParticipant(email, "05001"), name: email, cityId: medellin };
  const encounter = await db.selectFrom("encounters").select("id").where("slug", "=", "seguimiento").executeTakeFirstOrThrow();
  const organizer = await db.selectFrom("organizers").select("id").orderBy("id").executeTakeFirstOrThrow();
  const person = { email, fullName: email, entity: "Alcaldía", position: "Asesora", phone: null, cityDane: "05001", needs: null };
  const out = await registerForEncounter(
    db,
    encounter.id,
    person as never,
    { locale: "es", source: "walk_in", ignoreWindow: true, confirmedOnly: true, checkInBy: organizer.id, notify: false } as never,
  );
  expect(out.kind).not.toBe("invalid");
  const participant = await db.selectFrom("participants").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return { kind: "participant", id: participant.id, name: email, cityId: medellin };
}

describe("migration 2026_12_07_01 over existing data", () => {
  it("voids every city's calendar keys and holds the responsibles that people nobody vouched for named", async () => {
    const db = getDb();
    // Seen at the door: keeps speaking for Medellín after the migration.
    const checkedIn = await official("llego.a.la.puerta@alcaldia.gov.co", "check_in");
    // Never checked in: today's organizer verification does not exist before the migration.
    const unverified = await official("nunca.verificada@alcaldia.gov.co", "organizer");
    const organizer = await db.selectFrom("organizers").select(["id", "name"]).orderBy("id").executeTakeFirstOrThrow();
    const byOrganizer: CommitmentActor = { kind: "organizer", id: organizer.id, name: organizer.name };

    const byCheckedIn = await record({ actor: checkedIn, fields: { responsibleEmail: "a@example.net" } });
    const byUnverified = await record({ actor: unverified, fields: { responsibleEmail: "b@example.net" } });
    const byOrganizerOnly = await record({ fields: { responsibleEmail: "c@example.net" } });
    const changedByUnverified = await record({ actor: checkedIn, fields: { responsibleEmail: "d@example.net" } });
    const changedBack = await record({ actor: unverified, fields: { responsibleEmail: "e@example.net" } });
    const titleOnlyByUnverified = await record({ actor: checkedIn, fields: { responsibleEmail: "f@example.net" } });
    const title = async (id: number) => (await db.selectFrom("commitments").select("title").where("id", "=", id).executeTakeFirstOrThrow()).title;
    await changeCommitmentDetails(
      db,
      changedByUnverified,
      fields({ title: await title(changedByUnverified), responsibleEmail: "d2@example.net" }),
      unverified,
      { appUrl, secret, now },
    );
    await changeCommitmentDetails(db, changedBack, fields({ title: await title(changedBack), responsibleEmail: "e2@example.net" }), byOrganizer, {
      appUrl,
      secret,
      now,
    });
    await changeCommitmentDetails(db, titleOnlyByUnverified, fields({ title: "Solo cambia el título", responsibleEmail: "f@example.net" }), unverified, {
      appUrl,
      secret,
      now,
    });

    const versions = await db.selectFrom("cities").select(["id", "calendar_feed_version"]).orderBy("id").execute();

    await cityRoster.down(db as never);
    await cityRoster.up(db as never);

    const after = await db.selectFrom("cities").select(["id", "calendar_feed_version"]).orderBy("id").execute();
    expect(after).toEqual(versions.map((c) => ({ id: c.id, calendar_feed_version: c.calendar_feed_version + 1 })));

    const roster = await db.selectFrom("city_roster").select("participant_id").where("withdrawn_at", "is", null).execute();
    expect(roster.map((r) => r.participant_id)).toContain(checkedIn.id);
    expect(roster.map((r) => r.participant_id)).not.toContain(unverified.id);

    const pending = async (id: number) =>
      (await db.selectFrom("commitments").select("responsible_pending_at").where("id", "=", id).executeTakeFirstOrThrow()).responsible_pending_at !== null;
    expect(await pending(byCheckedIn)).toBe(false);
    expect(await pending(byUnverified)).toBe(true);
    expect(await pending(byOrganizerOnly)).toBe(false);
    expect(await pending(changedByUnverified)).toBe(true);
    expect(await pending(changedBack)).toBe(false);
    expect(await pending(titleOnlyByUnverified)).toBe(false);
  });
});
