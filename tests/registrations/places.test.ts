import { beforeAll, describe, expect, it } from "vitest";
import { cancelRegistration } from "~/features/registrations/commands/cancel.server";
import { openManageLink } from "~/features/registrations/queries.server";
import { promoteByHand } from "~/features/registrations/commands/waitlist.server";
import { registerForEncounter } from "~/features/registrations/commands/register.server";
import { getDb } from "~/server/db.server";
import { counters, dane, makeEncounter, outbox, person } from "./helpers";
import { makeOrganizer } from "../factories";

// The rules of places: capacity, the per-city quota, the waiting list in order, promotion on
// cancellation, and what each step writes to the outbox.

const es = { locale: "es" as const };

// The organizer who moves people from the waiting list by hand.
beforeAll(async () => {
  await makeOrganizer(getDb());
});

describe("places: capacity, per-city quota and the waiting list", () => {
  it("confirms while both limits allow, then waitlists in order and says each person's place in line", async () => {
    const db = getDb();
    const encounter = await makeEncounter({ capacity: 3, quota: 2 });
    const outcomes = [];
    for (const [n, city] of [
      ["a1", dane.bogota],
      ["a2", dane.bogota],
      ["a3", dane.bogota], // Bogotá is at its quota of 2
      ["b1", dane.medellin], // the last place of the encounter
      ["c1", dane.cali], // the encounter is full
    ] as const) {
      outcomes.push(await registerForEncounter(db, encounter.id, person(`${encounter.id}-${n}`, city), es));
    }
    expect(outcomes.map((o) => o.kind)).toEqual(["confirmed", "confirmed", "waitlisted", "confirmed", "waitlisted"]);
    expect(outcomes.map((o) => ("rank" in o ? o.rank : null))).toEqual([null, null, 1, null, 2]);
    const state = await counters(encounter.id);
    expect(state.encounter.confirmed_count).toBe(3);
    expect(state.regs.filter((r) => r.status === "waitlisted").map((r) => r.waitlist_position)).toEqual([1, 2]);

    const mails = (await outbox()).filter((m) => m.idempotency_key.startsWith("registration:") && state.regs.some((r) => m.recipient === r.email));
    expect(mails.map((m) => m.template)).toEqual([
      "registration-confirmed",
      "registration-confirmed",
      "registration-waitlisted",
      "registration-confirmed",
      "registration-waitlisted",
    ]);
    const confirmation = JSON.parse(mails[0].data);
    expect(confirmation.attachments.map((a: { contentType: string }) => a.contentType)).toEqual([expect.stringMatching(/^text\/calendar/), "image/png"]);
    expect(confirmation.manageUrl).toMatch(/\/inscripcion\/[A-Za-z0-9_-]{43}$/);
    expect(confirmation.checkIn.code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
  });

  it("on cancellation gives the place to the first person in line whose city fits, skipping a full city", async () => {
    const db = getDb();
    const encounter = await makeEncounter({ capacity: 3, quota: 2 });
    const ids: Record<string, number> = {};
    for (const [n, city] of [
      ["m1", dane.medellin],
      ["b1", dane.bogota],
      ["b2", dane.bogota],
      ["b3", dane.bogota], // waits first, but Bogotá is at its quota
      ["c1", dane.cali], // waits second
      ["c2", dane.cali], // waits third
    ] as const) {
      const outcome = await registerForEncounter(db, encounter.id, person(`${encounter.id}-${n}`, city), es);
      if ("registrationId" in outcome) ids[n] = outcome.registrationId;
    }
    // Medellín's person cancels: Bogotá is still full, so Cali's first in line gets the place.
    const result = await cancelRegistration(db, ids.m1, { actor: "test", byOrganizer: false });
    expect(result).toEqual({ ok: true, promoted: [ids.c1] });
    // A Bogotá person cancels: now the first of Bogotá in line fits.
    expect(await cancelRegistration(db, ids.b1, { actor: "test", byOrganizer: true, reason: "Duplicado" })).toEqual({ ok: true, promoted: [ids.b3] });
    const state = await counters(encounter.id);
    const status = Object.fromEntries(Object.entries(ids).map(([n, id]) => [n, state.regs.find((r) => r.id === id)!.status]));
    expect(status).toEqual({ m1: "cancelled", b1: "cancelled", b2: "confirmed", b3: "confirmed", c1: "confirmed", c2: "waitlisted" });
    expect(state.encounter.confirmed_count).toBe(3);
    const keys = (await outbox()).map((m) => m.idempotency_key);
    expect(keys).toContain(`registration:${ids.c1}:promoted:2`);
    expect(keys).toContain(`registration:${ids.b3}:promoted:1`);
    expect(keys.some((k) => k.startsWith(`registration:${ids.m1}:cancelled:`))).toBe(true);
    // Cancelling twice changes nothing.
    expect(await cancelRegistration(db, ids.m1, { actor: "test", byOrganizer: false })).toEqual({ ok: false, reason: "notActive" });
  });

  it("registering again with the same email makes no second registration, and mails the link only after a while", async () => {
    const db = getDb();
    const encounter = await makeEncounter({ capacity: 5, quota: 5 });
    const first = await registerForEncounter(db, encounter.id, person(`${encounter.id}-dup`), es);
    expect(first.kind).toBe("confirmed");
    const again = await registerForEncounter(db, encounter.id, person(`${encounter.id}-dup`, dane.bogota, { fullName: "Otro nombre" }), es);
    expect(again).toMatchObject({ kind: "duplicate", status: "confirmed", mailed: false });
    const later = await registerForEncounter(db, encounter.id, person(`${encounter.id}-dup`), { ...es, now: new Date(Date.now() + 3_600_000) });
    expect(later).toMatchObject({ kind: "duplicate", mailed: true });
    const state = await counters(encounter.id);
    expect(state.regs).toHaveLength(1);
    const mails = (await outbox()).filter((m) => m.recipient === `persona.${encounter.id}-dup@alcaldia.gov.co`);
    // The other name typed the second time is only offered to the address to confirm.
    expect(mails.map((m) => m.template)).toEqual(["registration-confirmed", "profile-changes", "registration-confirmed"]);
    // The resent mail carries the same link as the first: the first mail still works.
    expect(JSON.parse(mails[2].data).manageUrl).toBe(JSON.parse(mails[0].data).manageUrl);
    // The profile was not overwritten by whoever typed the address the second time.
    const participant = await db
      .selectFrom("participants")
      .select("full_name")
      .where("email", "=", `persona.${encounter.id}-dup@alcaldia.gov.co`)
      .executeTakeFirstOrThrow();
    expect(participant.full_name).toBe(`Persona ${encounter.id}-dup`);
  });

  it("after a cancellation the person can register again, with a new link; the old link stops working", async () => {
    const db = getDb();
    const encounter = await makeEncounter({ capacity: 5, quota: 5 });
    const first = await registerForEncounter(db, encounter.id, person(`${encounter.id}-re`), es);
    if (first.kind !== "confirmed") throw new Error(first.kind);
    await cancelRegistration(db, first.registrationId, { actor: "test", byOrganizer: false });
    const second = await registerForEncounter(db, encounter.id, person(`${encounter.id}-re`), es);
    expect(second).toMatchObject({ kind: "confirmed", registrationId: first.registrationId });
    expect(await openManageLink(db, first.token)).toBeNull();
    if (second.kind !== "confirmed") throw new Error(second.kind);
    expect((await openManageLink(db, second.token))?.registration.id).toBe(first.registrationId);
    expect((await counters(encounter.id)).encounter.confirmed_count).toBe(1);
  });

  it("refuses outside the window and for drafts and closed encounters, writing nothing", async () => {
    const db = getDb();
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const past = new Date(Date.now() - 86_400_000).toISOString();
    const cases = [
      [await makeEncounter({ status: "draft" }), "closed"],
      [await makeEncounter({ status: "closed" }), "closed"],
      [await makeEncounter({ opensAt: future }), "not_yet"],
      [await makeEncounter({ closesAt: past }), "ended"],
    ] as const;
    const before = await db
      .selectFrom("participants")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    for (const [encounter, window] of cases) {
      expect(await registerForEncounter(db, encounter.id, person(`${encounter.id}-w`), es)).toEqual({ kind: "closed", window });
    }
    const after = await db
      .selectFrom("participants")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("an organizer can move someone from the waiting list by hand, waiving the city quota only when asked", async () => {
    const db = getDb();
    const encounter = await makeEncounter({ capacity: 4, quota: 1 });
    const a = await registerForEncounter(db, encounter.id, person(`${encounter.id}-h1`), es);
    const b = await registerForEncounter(db, encounter.id, person(`${encounter.id}-h2`), es);
    expect([a.kind, b.kind]).toEqual(["confirmed", "waitlisted"]);
    if (b.kind !== "waitlisted") throw new Error();
    const organizer = await db.selectFrom("organizers").select("id").executeTakeFirstOrThrow();
    expect(await promoteByHand(db, b.registrationId, organizer.id, { ignoreCityQuota: false })).toEqual({ ok: false, reason: "cityFull" });
    expect(await promoteByHand(db, b.registrationId, organizer.id, { ignoreCityQuota: true })).toEqual({ ok: true });
    const state = await counters(encounter.id);
    expect(state.regs.map((r) => r.status)).toEqual(["confirmed", "confirmed"]);
    expect(state.cities[0].confirmed_count).toBe(2);
  });
});
