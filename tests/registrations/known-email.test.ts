import { describe, expect, it } from "vitest";
import * as confirmChanges from "~/routes/confirmar-datos.$token";
import * as form from "~/routes/encuentros.$slug.registro";
import { registerForEncounter } from "~/features/registrations/commands/register.server";
import { cancelRegistration } from "~/features/registrations/commands/cancel.server";
import { actorOf } from "~/server/audit.server";
import { getDb } from "~/server/db.server";
import { call, ctx } from "../helpers/route";
import { renderAfterPost, type RouteModule } from "../helpers/rendered-page";
import { tableContents } from "../helpers/table-contents";
import { dane, formFields, makeEncounter, outbox, person } from "./helpers";

// Issue 14, item 2: an anonymous request never changes an existing person. A known email
// registered from the public form keeps its stored profile and city; the address is asked by
// mail to confirm the differences; the page answers exactly as it would for a new email.

let ip = 0;
function register(slug: string, fields: Record<string, string>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  ip += 1;
  return call(() =>
    form.action({
      request: new Request(`http://localhost/encuentros/${slug}/registro`, { method: "POST", body }),
      params: { slug },
      context: ctx(`198.18.${Math.floor(ip / 250)}.${ip % 250}`),
    }),
  );
}

const storedProfile = (email: string) =>
  getDb()
    .selectFrom("participants")
    .select(["full_name", "entity", "position", "phone", "city_id", "updated_at"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();

const cityId = async (code: string) => (await getDb().selectFrom("cities").select("id").where("dane", "=", code).executeTakeFirstOrThrow()).id;

/** What someone else types for a known address: other name, entity, position, phone and city. */
const rewrite = (n: string) =>
  formFields(n, dane.cali, { fullName: "Nombre Impostor", entity: "Entidad ajena", position: "Cargo ajeno", phone: "300 000 0000" });

async function changeLinkMailedTo(email: string): Promise<string> {
  const mail = (await outbox()).filter((m) => m.recipient === email && m.template === "profile-changes").at(-1);
  const url = JSON.parse(mail?.data ?? "{}").url as string | undefined;
  const token = /\/confirmar-datos\/([A-Za-z0-9_-]{43})$/.exec(url ?? "")?.[1];
  if (!token) throw new Error(`no confirmation link mailed to ${email}`);
  return token;
}

const open = (token: string) =>
  call(() => confirmChanges.loader({ request: new Request(`http://localhost/confirmar-datos/${token}`), params: { token }, context: ctx("198.51.100.9") }));
const confirm = (token: string) =>
  call(() =>
    confirmChanges.action({
      request: new Request(`http://localhost/confirmar-datos/${token}`, { method: "POST", body: new FormData() }),
      params: { token },
      context: ctx("198.51.100.9"),
    }),
  );

describe("a known email on the public form", () => {
  it("registers with the stored profile and city, changes nothing of the person, and mails the differences to the address", async () => {
    const first = await makeEncounter({ capacity: 10, quota: 3 });
    const second = await makeEncounter({ capacity: 10, quota: 3 });
    const fields = formFields(`known-${first.id}`, dane.bogota, { phone: "601 111 1111" });
    expect((await register(first.slug, fields)).status).toBe(200);
    const before = await storedProfile(fields.email);

    const result = await register(second.slug, rewrite(`known-${first.id}`));
    expect(result.status).toBe(200);
    expect(await storedProfile(fields.email)).toEqual(before);
    const reg = await getDb()
      .selectFrom("registrations")
      .innerJoin("participants", "participants.id", "registrations.participant_id")
      .select(["registrations.status", "participants.city_id"])
      .where("registrations.encounter_id", "=", second.id)
      .executeTakeFirstOrThrow();
    expect(reg).toEqual({ status: "confirmed", city_id: await cityId(dane.bogota) });
    // The place counts for the stored city, not the typed one.
    const places = await getDb().selectFrom("encounter_city_places").select(["city_id", "confirmed_count"]).where("encounter_id", "=", second.id).execute();
    expect(places).toEqual([{ city_id: await cityId(dane.bogota), confirmed_count: 1 }]);

    const mails = (await outbox()).filter((m) => m.recipient === fields.email).map((m) => m.template);
    expect(mails).toEqual(["registration-confirmed", "registration-confirmed", "profile-changes"]);
    const changes = JSON.parse((await outbox()).find((m) => m.template === "profile-changes" && m.recipient === fields.email)!.data).changes;
    expect(changes).toEqual({
      fullName: { from: fields.fullName, to: "Nombre Impostor" },
      entity: { from: fields.entity, to: "Entidad ajena" },
      position: { from: fields.position, to: "Cargo ajeno" },
      phone: { from: "601 111 1111", to: "300 000 0000" },
      city: { from: "Bogotá D.C.", to: "Cali" },
    });
    // The confirmation of the new registration addresses the person by their stored name.
    const confirmation = (await outbox()).filter((m) => m.recipient === fields.email && m.template === "registration-confirmed").at(-1)!;
    expect(JSON.parse(confirmation.data).name).toBe(fields.fullName);
  });

  it("answers word for word as for a new email: already registered here, registered elsewhere for another city, or new here", async () => {
    // Each case on its own encounter with the same shape: one person already holds a Bogotá place.
    async function answerFor(setup: (encounterId: number, n: string) => Promise<string>) {
      const encounter = await makeEncounter({ capacity: 10, quota: 3 });
      const n = `same-${encounter.id}`;
      const email = await setup(encounter.id, n);
      return register(encounter.slug, { ...rewrite(n), email });
    }
    const unknown = await answerFor(async (id, n) => {
      await registerForEncounter(getDb(), id, person(`other-${n}`, dane.bogota), { locale: "es" });
      return `nueva.${n}@alcaldia.gov.co`;
    });
    const alreadyHere = await answerFor(async (id, n) => {
      await registerForEncounter(getDb(), id, person(n, dane.bogota), { locale: "es", now: new Date(Date.now() - 3_600_000) });
      return person(n).email;
    });
    const elsewhereOtherCity = await answerFor(async (id, n) => {
      const elsewhere = await makeEncounter({ capacity: 10, quota: 3 });
      await registerForEncounter(getDb(), elsewhere.id, person(n, dane.medellin), { locale: "es" });
      await registerForEncounter(getDb(), id, person(`other-${n}`, dane.bogota), { locale: "es" });
      return person(n).email;
    });
    const cancelledHere = await answerFor(async (id, n) => {
      const done = await registerForEncounter(getDb(), id, person(n, dane.bogota), { locale: "es" });
      if (done.kind !== "confirmed") throw new Error(done.kind);
      await cancelRegistration(getDb(), done.registrationId, { actor: actorOf.system, byOrganizer: false });
      await registerForEncounter(getDb(), id, person(`other-${n}`, dane.bogota), { locale: "es" });
      return person(n).email;
    });
    expect(unknown.status).toBe(200);
    expect(unknown.data).toEqual({ kind: "received", places: { city: "Cali", quota: 3, cityLeft: 3, capacity: 10, encounterLeft: 9 } });
    for (const known of [alreadyHere, elsewhereOtherCity, cancelledHere]) {
      expect(known.status).toBe(unknown.status);
      expect(known.data).toEqual(unknown.data);
      expect([...known.headers.entries()]).toEqual([...unknown.headers.entries()]);
    }
  });

  it("says a city's places are taken in the same words for a known and a new email", async () => {
    const full = async () => {
      const encounter = await makeEncounter({ capacity: 10, quota: 1 });
      await registerForEncounter(getDb(), encounter.id, person(`cali-${encounter.id}`, dane.cali), { locale: "es" });
      return encounter;
    };
    const a = await full();
    const b = await full();
    const unknown = await register(a.slug, formFields(`nuevo-${a.id}`, dane.cali));
    const known = await register(b.slug, { ...formFields(`cali-${b.id}`, dane.cali), fullName: "Otro Nombre" });
    expect(unknown.data).toEqual({ kind: "received", places: { city: "Cali", quota: 1, cityLeft: 0, capacity: 10, encounterLeft: 9 } });
    expect(known.data).toEqual(unknown.data);
  });

  it("sends the same page, byte for byte, to a new email and to the email that holds the place", async () => {
    const encounter = await makeEncounter({ capacity: 10, quota: 1 });
    const holder = person(`holder-${encounter.id}`, dane.cali);
    await registerForEncounter(getDb(), encounter.id, holder, { locale: "es" });
    const page = (fields: Record<string, string>) =>
      renderAfterPost(
        form as unknown as RouteModule,
        "encuentros/:slug/registro",
        new Request(`http://localhost/encuentros/${encounter.slug}/registro`, {
          method: "POST",
          body: new URLSearchParams(fields),
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        }),
        200,
        ctx("198.51.100.50"),
      );
    const known = await page({ ...formFields(`holder-${encounter.id}`, dane.cali), fullName: "Otro Nombre" });
    const unknown = await page(formFields(`stranger-${encounter.id}`, dane.cali));
    expect(known).toBe(unknown);
    expect(known).toContain("Revise su correo");
    expect(known).not.toContain("/inscripcion/");
  });
});

describe("the link that confirms the differences", () => {
  async function pendingChange() {
    const encounter = await makeEncounter({ capacity: 10, quota: 3 });
    const fields = formFields(`confirm-${encounter.id}`, dane.bogota);
    await register(encounter.slug, fields);
    const other = await makeEncounter({ capacity: 10, quota: 3 });
    await register(other.slug, rewrite(`confirm-${encounter.id}`));
    return { email: fields.email, token: await changeLinkMailedTo(fields.email), other };
  }

  it("shows the differences on GET without applying them, applies them once on POST (audited), and refuses a second use", async () => {
    const { email, token, other } = await pendingChange();
    const before = await storedProfile(email);
    const shown = await open(token);
    expect(shown.status).toBe(200);
    expect(shown.headers.get("Cache-Control")).toBe("no-store");
    expect(shown.data.rows.map((r: { field: string }) => r.field)).toEqual(["fullName", "entity", "position", "phone", "city"]);
    expect(await storedProfile(email)).toEqual(before);

    const applied = await confirm(token);
    expect(applied).toMatchObject({ status: 200, data: { kind: "applied", cityKept: "otherRegistrations" } });
    const after = await storedProfile(email);
    // Registered in two encounters for Bogotá: the city stays, the rest is the person's choice.
    expect(after).toMatchObject({
      full_name: "Nombre Impostor",
      entity: "Entidad ajena",
      position: "Cargo ajeno",
      phone: "300 000 0000",
      city_id: await cityId(dane.bogota),
    });
    const audit = await getDb().selectFrom("audit_log").selectAll().where("action", "=", "participant.profile_confirmed").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toMatch(/^participant:\d+$/);

    const counts = await tableContents();
    const again = await confirm(token);
    expect(again).toMatchObject({ status: 410, data: { kind: "used" } });
    expect((await open(token)).status).toBe(410);
    expect(await tableContents()).toEqual(counts);
    expect(await storedProfile(email)).toEqual(after);
    void other;
  });

  it("moves the city with the place when the person holds no other registration", async () => {
    const encounter = await makeEncounter({ capacity: 10, quota: 3 });
    const fields = formFields(`move-${encounter.id}`, dane.bogota);
    // Known from an earlier, cancelled registration: the new one is the only active one.
    const earlier = await makeEncounter({ capacity: 10, quota: 3 });
    const done = await registerForEncounter(getDb(), earlier.id, person(`move-${encounter.id}`, dane.bogota), { locale: "es" });
    if (done.kind !== "confirmed") throw new Error(done.kind);
    await cancelRegistration(getDb(), done.registrationId, { actor: actorOf.system, byOrganizer: false });
    await register(encounter.slug, { ...fields, cityDane: dane.cali });
    const result = await confirm(await changeLinkMailedTo(fields.email));
    expect(result.data).toEqual({ kind: "applied", cityKept: null });
    expect((await storedProfile(fields.email)).city_id).toBe(await cityId(dane.cali));
    const places = await getDb()
      .selectFrom("encounter_city_places")
      .select(["city_id", "confirmed_count"])
      .where("encounter_id", "=", encounter.id)
      .orderBy("city_id")
      .execute();
    expect(places).toEqual(
      [
        { city_id: await cityId(dane.bogota), confirmed_count: 0 },
        { city_id: await cityId(dane.cali), confirmed_count: 1 },
      ].sort((a, b) => a.city_id - b.city_id),
    );
  });

  it("refuses a forged or malformed link with a page that says so, and writes nothing", async () => {
    const { email } = await pendingChange();
    const before = await tableContents();
    const profile = await storedProfile(email);
    for (const token of ["A".repeat(43), "forjado", "../../etc/passwd"]) {
      const page = await open(token);
      expect(page.status).toBe(404);
      expect(page.data).toEqual({ kind: "invalid", rows: [] });
      expect((await confirm(token)).status).toBe(404);
    }
    expect(await tableContents()).toEqual(before);
    expect(await storedProfile(email)).toEqual(profile);
  });
});
