import { describe, expect, it } from "vitest";
import { getDb } from "~/server/db.server";
import { handOverFocalPoint } from "~/features/cities/members.server";
import { inviteCities, resendInvitation, withdrawInvitation } from "~/features/invitations/commands/invite.server";
import { remindUnanswered, runInvitationReminders } from "~/features/invitations/commands/remind.server";
import { openDelegationLink } from "~/features/invitations/link.server";
import { signDelegationLink } from "~/features/invitations/links.server";
import { invitationGrid } from "~/features/invitations/queries/invitations.server";
import { dane, makeFocalPoint, makeInvitation, makeOrganizer, makeParticipant, makeRosterEntry } from "../factories";
import { ctx } from "../helpers/route";
import { tableContents } from "../helpers/table-contents";
import { cityId, invitationToken, mails, openEncounter } from "./helpers";

// Issue 16, section 2: organizers invite cities (all 32, a region, a chosen list), each city's
// focal point or a typed address gets the signed link, the grid shows each city's state, and
// reminders reach each city at most once a day; the automatic one goes once.

const allCities = async () =>
  (await getDb().selectFrom("cities").select(["id", "dane"]).orderBy("dane").execute()).map((c) => ({ cityId: c.id, dane: c.dane }));
const typedFor = (dane: string) => `enlace.${dane}@alcaldia.gov.co`;

describe("inviting cities", () => {
  it("invites all 32 in one transaction: 32 invitations, 32 mails, 32 audit entries", async () => {
    const db = getDb();
    const organizer = await makeOrganizer(db);
    const encounter = await openEncounter(db);
    const medellinFocal = await makeFocalPoint(db, dane.medellin);
    const targets = (await allCities()).map((c) => ({ cityId: c.cityId, typedEmail: c.dane === dane.medellin ? null : typedFor(c.dane) }));
    const result = await inviteCities(db, encounter.id, targets, { organizerId: organizer.id });
    expect(result).toMatchObject({ ok: true, mails: 32, alreadyInvited: [] });
    const sent = (await mails("invitation")).filter((m) => String(m.idempotency_key).startsWith("invitation:"));
    const ours = await db
      .selectFrom("invitations")
      .select(["id", "status", "focal_point_id", "typed_email"])
      .where("encounter_id", "=", encounter.id)
      .execute();
    expect(ours).toHaveLength(32);
    expect(ours.every((i) => i.status === "sent")).toBe(true);
    expect(sent.filter((m) => ours.some((i) => m.idempotency_key.startsWith(`invitation:${i.id}:`)))).toHaveLength(32);
    // The city with a focal point: to the focal point, by name; the others to the typed address.
    const medellin = ours.find((i) => i.focal_point_id === medellinFocal.id)!;
    expect(medellin.typed_email).toBeNull();
    const toFocal = sent.find((m) => m.recipient === medellinFocal.email)!;
    expect(toFocal.data).toMatchObject({ name: medellinFocal.full_name, city: "Medellín", places: 3, reminder: false });
    expect(toFocal.subject).toBe(`Invitación para Medellín: ${encounter.title}`);
    const audits = await db.selectFrom("audit_log").select("entity_id").where("action", "=", "invitation.send").execute();
    expect(audits.filter((a) => ours.some((i) => String(i.id) === a.entity_id))).toHaveLength(32);

    // Inviting again leaves the invited cities as they are.
    const again = await inviteCities(db, encounter.id, targets.slice(0, 3), { organizerId: organizer.id });
    expect(again).toMatchObject({ ok: true, invited: [], mails: 0 });
    expect(again.ok && again.alreadyInvited).toHaveLength(3);
  });

  it("writes nothing when one city has nobody to write to, or one address is refused by the outbox", async () => {
    const db = getDb();
    const organizer = await makeOrganizer(db);
    const encounter = await openEncounter(db);
    const cities = (await allCities()).slice(0, 5);
    const before = await tableContents();
    const missing = await inviteCities(
      db,
      encounter.id,
      cities.map((c, i) => ({ cityId: c.cityId, typedEmail: i === 4 ? null : typedFor(c.dane) })),
      { organizerId: organizer.id },
    );
    expect(missing).toEqual({ ok: false, reason: "noAddress", cityIds: [cities[4].cityId] });
    expect(await tableContents()).toEqual(before);
    // The fifth address passes no form (a form would refuse it): the outbox refuses it mid-way, and the four before roll back.
    await expect(
      inviteCities(
        db,
        encounter.id,
        cities.map((c, i) => ({ cityId: c.cityId, typedEmail: i === 4 ? "no es un correo" : typedFor(c.dane) })),
        { organizerId: organizer.id },
      ),
    ).rejects.toThrow(/no válida/);
    expect(await tableContents()).toEqual(before);
  });

  it("refuses drafts and encounters that ended", async () => {
    const db = getDb();
    const organizer = await makeOrganizer(db);
    const draft = await openEncounter(db);
    await db.updateTable("encounters").set({ status: "draft" }).where("id", "=", draft.id).execute();
    const target = [{ cityId: await cityId(dane.cali), typedEmail: typedFor(dane.cali) }];
    expect(await inviteCities(db, draft.id, target, { organizerId: organizer.id })).toEqual({ ok: false, reason: "notOpen" });
    const open = await openEncounter(db);
    const later = new Date(Date.parse(open.ends_at) + 1000);
    expect(await inviteCities(db, open.id, target, { organizerId: organizer.id, now: later })).toEqual({ ok: false, reason: "notOpen" });
  });
});

describe("the link of an invitation", () => {
  it("opens for a genuine token; forged, withdrawn (or superseded) and expired ones are told apart", async () => {
    const db = getDb();
    const organizer = await makeOrganizer(db);
    const encounter = await openEncounter(db);
    const bogota = await cityId(dane.bogota);
    await inviteCities(db, encounter.id, [{ cityId: bogota, typedEmail: "primera@bogota.gov.co" }], { organizerId: organizer.id });
    const token = await invitationToken("primera@bogota.gov.co");
    const open = (t: string | undefined, now?: Date) => openDelegationLink(db, ctx("198.51.100.90"), t, now);
    expect((await open(token)).state).toBe("ok");

    // Forged: a changed id or version, a made-up signature, nothing at all.
    const [id, version, signature] = token.split(".");
    expect((await open(`${Number(id) + 1}.${version}.${signature}`)).state).toBe("invalid");
    expect((await open(`${id}.${version}.${"A".repeat(43)}`)).state).toBe("invalid");
    expect((await open(undefined)).state).toBe("invalid");
    expect((await open("1.1")).state).toBe("invalid");

    // Expired: the encounter is over.
    expect((await open(token, new Date(Date.parse(encounter.ends_at) + 1))).state).toBe("expired");

    // Sent again to a new address: the new link works, the old one is withdrawn.
    const invitation = await db.selectFrom("invitations").selectAll().where("encounter_id", "=", encounter.id).executeTakeFirstOrThrow();
    expect(await resendInvitation(db, invitation.id, { organizerId: organizer.id, typedEmail: "segunda@bogota.gov.co" })).toMatchObject({
      ok: true,
      newLink: true,
      mails: 1,
    });
    const second = await invitationToken("segunda@bogota.gov.co");
    expect((await open(token)).state).toBe("withdrawn");
    expect((await open(second)).state).toBe("ok");
    // Sent again to the same address: the same link.
    await resendInvitation(db, invitation.id, { organizerId: organizer.id });
    expect(await invitationToken("segunda@bogota.gov.co")).toBe(second);

    // Withdrawn: its link stops at once; invited again, a new link.
    expect(await withdrawInvitation(db, invitation.id, { organizerId: organizer.id })).toBe(true);
    expect((await open(second)).state).toBe("withdrawn");
    expect((await invitationGrid(db, encounter)).find((r) => r.cityId === bogota)?.state).toBe("not_invited");
    await inviteCities(db, encounter.id, [{ cityId: bogota, typedEmail: "tercera@bogota.gov.co" }], { organizerId: organizer.id });
    const third = await invitationToken("tercera@bogota.gov.co");
    expect(third).not.toBe(second);
    expect((await open(third)).state).toBe("ok");
    expect(signDelegationLink({ invitationId: invitation.id, version: Number(third.split(".")[1]) })).toBe(third);
  });

  it("stops a focal point's link once they are no longer the focal point; sent again, it reaches the new one", async () => {
    const db = getDb();
    const organizer = await makeOrganizer(db);
    const encounter = await openEncounter(db);
    const riohacha = await cityId(dane.riohacha);
    const first = await makeFocalPoint(db, dane.riohacha);
    await inviteCities(db, encounter.id, [{ cityId: riohacha, typedEmail: null }], { organizerId: organizer.id });
    const token = await invitationToken(first.email);
    const open = (t: string) => openDelegationLink(db, ctx("198.51.100.91"), t);
    expect((await open(token)).state).toBe("ok");

    // The focal point hands the role to an official of the city: the link they hold stops at once.
    const next = await makeRosterEntry(db, { participant_id: (await makeParticipant(db, { cityDane: dane.riohacha })).id });
    expect(await handOverFocalPoint(db, first.id, { cityId: riohacha, rosterId: next.id })).toMatchObject({ ok: true });
    expect((await open(token)).state).toBe("withdrawn");

    // Sent again: a new link, to the focal point of now.
    const invitation = await db.selectFrom("invitations").select("id").where("encounter_id", "=", encounter.id).executeTakeFirstOrThrow();
    expect(await resendInvitation(db, invitation.id, { organizerId: organizer.id })).toMatchObject({ ok: true, newLink: true, mails: 1 });
    const nextEmail = (await db.selectFrom("participants").select("email").where("id", "=", next.participant_id).executeTakeFirstOrThrow()).email;
    const second = await invitationToken(nextEmail);
    expect((await open(second)).state).toBe("ok");
    expect((await open(token)).state).toBe("withdrawn");
  });
});

describe("reminders", () => {
  it("remind each city that has not answered at most once a day", async () => {
    const db = getDb();
    const organizer = await makeOrganizer(db);
    const encounter = await openEncounter(db);
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const waiting = await makeInvitation(db, { encounter_id: encounter.id, cityDane: dane.cali, sent_at: twoDaysAgo });
    const opened = await makeInvitation(db, {
      encounter_id: encounter.id,
      cityDane: dane.ibague,
      sent_at: twoDaysAgo,
      status: "opened",
      opened_at: twoDaysAgo,
    });
    await makeInvitation(db, { encounter_id: encounter.id, cityDane: dane.cartagena, sent_at: twoDaysAgo, status: "registered" });
    await makeInvitation(db, {
      encounter_id: encounter.id,
      cityDane: dane.barranquilla,
      sent_at: twoDaysAgo,
      status: "declined",
      decline_reason: "Sin presupuesto",
    });
    // Sent this morning: nothing again today.
    await makeInvitation(db, { encounter_id: encounter.id, cityDane: dane.medellin });

    const first = await remindUnanswered(db, encounter.id, { organizerId: organizer.id });
    expect(first.ok && [...first.reminded].sort()).toEqual([waiting.city_id, opened.city_id].sort());
    expect((await mails("invitation")).filter((m) => m.data.reminder === true && [waiting.typed_email, opened.typed_email].includes(m.recipient))).toHaveLength(
      2,
    );
    const again = await remindUnanswered(db, encounter.id, { organizerId: organizer.id, now: new Date(Date.now() + 23 * 3_600_000) });
    expect(again).toEqual({ ok: true, reminded: [], mails: 0 });
    const tomorrow = await remindUnanswered(db, encounter.id, { organizerId: organizer.id, now: new Date(Date.now() + 24 * 3_600_000 + 60_000) });
    expect(tomorrow.ok && tomorrow.reminded).toHaveLength(3);
    const grid = await invitationGrid(db, encounter, new Date(Date.now() + 24 * 3_600_000 + 120_000));
    expect(grid.filter((r) => r.remindable)).toEqual([]);
  });

  it("go automatically once, the configured days before registration closes, even with two schedulers", async () => {
    const db = getDb();
    const encounter = await openEncounter(db, { closesInDays: 10, reminderDays: 3 });
    const long = new Date(Date.now() - 5 * 86_400_000).toISOString();
    const invitations: Array<{ id: number }> = [];
    for (const city of [dane.cali, dane.ibague, dane.barranquilla])
      invitations.push(await makeInvitation(db, { encounter_id: encounter.id, cityDane: city, sent_at: long }));
    await makeInvitation(db, { encounter_id: encounter.id, cityDane: dane.bogota, sent_at: long, status: "registered" });
    const ours = (rows: Awaited<ReturnType<typeof mails>>) => rows.filter((m) => invitations.some((i) => m.idempotency_key.startsWith(`invitation:${i.id}:`)));

    // Not before its day.
    expect((await runInvitationReminders(db, new Date(Date.parse(encounter.registration_closes_at!) - 4 * 86_400_000))).written).toBe(0);
    const day = new Date(Date.parse(encounter.registration_closes_at!) - 3 * 86_400_000 + 60_000);
    const [one, two] = await Promise.all([runInvitationReminders(db, day), runInvitationReminders(db, day)]);
    expect(one.written + two.written).toBe(3);
    expect(one.due + two.due).toBeGreaterThanOrEqual(3);
    const reminders = ours(await mails("invitation")).filter((m) => m.idempotency_key.endsWith(":auto-reminder:typed"));
    expect(reminders).toHaveLength(3);
    expect(reminders.every((m) => m.data.reminder === true)).toBe(true);
    // Once: a later run finds nothing to send.
    expect(await runInvitationReminders(db, new Date(day.getTime() + 86_400_000))).toEqual({ due: 0, written: 0, mails: 0 });
  });
});
