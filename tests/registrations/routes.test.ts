import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import * as manage from "~/routes/inscripcion.$token";
import * as account from "~/routes/mi-cuenta";
import * as form from "~/routes/encuentros.$slug.registro";
import { getDb } from "~/server/db.server";
import { participantCookie } from "../helpers/auth";
import { messagesFor } from "~/i18n/catalog.server";
import { call, ctx } from "../helpers/route";
import { flashOf } from "../helpers/flash";
import { tableContents } from "../helpers/table-contents";
import { counters, dane, formFields, makeEncounter, outbox } from "./helpers";
import { makeOpenEncounter } from "../factories";

// The public form and the person's own page, called as Remix calls them.

// An encounter open for registration now: 60 places, 3 per city.
beforeAll(async () => {
  await makeOpenEncounter(getDb(), { slug: "seguimiento", capacity: 60, city_quota: 3 });
});

function post(url: string, fields: Record<string, string>, init: { ip?: string; cookie?: string } = {}) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request(`http://localhost${url}`, { method: "POST", body, headers: init.cookie ? { Cookie: init.cookie } : {} });
}

async function register(slug: string, fields: Record<string, string>, ip = "203.0.113.10") {
  return call(() => form.action({ request: post(`/encuentros/${slug}/registro`, fields), params: { slug }, context: ctx(ip) }));
}

/** The personal link goes to the address only: the token of the newest mail that carries one. */
async function tokenMailedTo(email: string): Promise<string> {
  const mails = (await outbox()).filter((m) => m.recipient === email && JSON.parse(m.data).manageUrl);
  const match = /\/inscripcion\/([A-Za-z0-9_-]{43})$/.exec(JSON.parse(mails.at(-1)?.data ?? "{}").manageUrl ?? "");
  if (!match) throw new Error(`no personal link mailed to ${email}`);
  return match[1];
}

describe("registration form", () => {
  it("shows the form with the 32 capital cities on an encounter that is open", async () => {
    const result = await call(() =>
      form.loader({ request: new Request("http://localhost/encuentros/seguimiento/registro"), params: { slug: "seguimiento" }, context: {} }),
    );
    expect(result.status).toBe(200);
    expect(result.data.window).toBe("open");
    expect(result.data.cities).toHaveLength(32);
    expect(result.data.encounter).toMatchObject({ capacity: 60, quota: 3 });
  });

  it("registers, answers 'check your email', and mails the person's own link with the confirmation", async () => {
    const result = await register(
      "seguimiento",
      formFields("ruta-1", dane.cartagena, { phone: "+57 300 123 4567", needs: "Rampa de acceso\nMenú vegetariano" }),
    );
    expect(result.status).toBe(200);
    expect(result.data).toEqual({
      kind: "received",
      places: { city: "Cartagena de Indias", quota: 3, cityLeft: 3, capacity: 60, encounterLeft: expect.any(Number) },
    });
    expect(JSON.stringify(result.data)).not.toContain("/inscripcion/");
    const token = await tokenMailedTo("persona.ruta-1@alcaldia.gov.co");
    const page = await call(() => manage.loader({ request: new Request(`http://localhost/inscripcion/${token}?nuevo=1`), params: { token }, context: {} }));
    expect(page.status).toBe(200);
    expect(page.data.registration).toMatchObject({
      status: "confirmed",
      city: "Cartagena de Indias",
      phone: "+57 300 123 4567",
      needs: "Rampa de acceso\nMenú vegetariano",
    });
    expect(page.data.qrSvg).toContain("<svg");
    const mail = (await outbox()).find((m) => m.recipient === "persona.ruta-1@alcaldia.gov.co");
    expect(mail?.template).toBe("registration-confirmed");
    expect(mail?.idempotency_key).toMatch(/^registration:\d+:confirmed:\d+$/);
    expect(JSON.parse(mail!.data).manageUrl).toMatch(new RegExp(`/inscripcion/${token}$`));
  });

  const refusals: Array<[string, Record<string, string>, Record<string, string>]> = [
    ["an invalid email", { email: "no-es-correo" }, { email: "email" }],
    ["an email with a display name", { email: "Ana <ana@alcaldia.gov.co>" }, { email: "email" }],
    ["an unknown city code", { cityDane: "99999" }, { cityDane: "city" }],
    ["a city that is not a code", { cityDane: "Bogotá" }, { cityDane: "city" }],
    ["missing consent", { consent: "" }, { consent: "consent" }],
    ["consent with another value", { consent: "yes" }, { consent: "consent" }],
    ["an overlong name", { fullName: "A".repeat(121) }, { fullName: "tooLong" }],
    ["an overlong entity", { entity: "E".repeat(161) }, { entity: "tooLong" }],
    ["an overlong needs text", { needs: "n".repeat(1001) }, { needs: "tooLong" }],
    ["a name with a line break", { fullName: "Ana\r\nBcc: victima@example.com" }, { fullName: "singleLine" }],
    ["a position with a control character", { position: "Jefe\u0000" }, { position: "singleLine" }],
    ["a phone with letters", { phone: "llámeme" }, { phone: "phone" }],
    ["missing required fields", { fullName: "", entity: "  ", position: "" }, { fullName: "required", entity: "required", position: "required" }],
  ];
  for (const [what, override, expected] of refusals) {
    it(`refuses ${what} with a message per field, status 400, nothing written`, async () => {
      const before = await tableContents();
      const fields = { ...formFields(`refused-${what.length}`), ...override };
      if (override.consent === "") delete fields.consent;
      const result = await register("seguimiento", fields);
      expect(result.status).toBe(400);
      expect(result.data.status).toBe("error");
      // conform's reply: each field's error keys.
      expect(result.data.error).toMatchObject(Object.fromEntries(Object.entries(expected).map(([field, key]) => [field, [key]])));
      expect(await tableContents()).toEqual(before);
    });
  }

  it("refuses repeated values for one field (a crafted form) without a crash", async () => {
    const body = new FormData();
    for (const [k, v] of Object.entries(formFields("repeated"))) body.append(k, v);
    body.append("email", "otra@alcaldia.gov.co");
    const result = await call(() =>
      form.action({
        request: new Request("http://localhost/encuentros/seguimiento/registro", { method: "POST", body }),
        params: { slug: "seguimiento" },
        context: ctx(),
      }),
    );
    expect(result.status).toBe(400);
    expect(result.data.error.email).toEqual(["invalid"]);
  });

  it("makes one registration from a double submit", async () => {
    const encounter = await makeEncounter({ capacity: 5, quota: 5 });
    const fields = formFields(`double-${encounter.id}`);
    const [a, b] = await Promise.all([register(encounter.slug, fields), register(encounter.slug, fields)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.data.kind).toBe("received");
    expect(b.data.kind).toBe("received");
    const state = await counters(encounter.id);
    expect(state.regs).toHaveLength(1);
    expect(state.encounter.confirmed_count).toBe(1);
    expect((await outbox()).filter((m) => m.recipient === fields.email)).toHaveLength(1);
  });

  it("refuses drafts (not found), closed encounters and out-of-window registration with the reason", async () => {
    const draft = await makeEncounter({ status: "draft" });
    expect((await register(draft.slug, formFields("draft"))).status).toBe(404);
    const closed = await makeEncounter({ status: "closed" });
    expect(await register(closed.slug, formFields("closed"))).toMatchObject({ status: 409, data: { kind: "closed", window: "closed" } });
    const early = await makeEncounter({ opensAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(await register(early.slug, formFields("early"))).toMatchObject({ status: 409, data: { kind: "closed", window: "not_yet" } });
    const late = await makeEncounter({ closesAt: new Date(Date.now() - 60_000).toISOString() });
    expect(await register(late.slug, formFields("late"))).toMatchObject({ status: 409, data: { kind: "closed", window: "ended" } });
    const page = await call(() =>
      form.loader({ request: new Request(`http://localhost/encuentros/${early.slug}/registro`), params: { slug: early.slug }, context: {} }),
    );
    expect(page.data.window).toBe("not_yet");
  });

  it("answers a bot that fills the honeypot as if all went well, and keeps nothing", async () => {
    const before = await tableContents();
    const result = await register("seguimiento", formFields("bot", dane.bogota, { website: "http://spam.example" }));
    expect(result).toMatchObject({ status: 200, data: { kind: "received" } });
    expect(await tableContents()).toEqual(before);
  });

  it("limits tries per email address, and lets a whole venue behind one address register hundreds", async () => {
    const encounter = await makeEncounter({ capacity: 400, quota: 400 });
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await register(encounter.slug, formFields(`limited-${encounter.id}`), "198.51.100.77")).status);
    expect(statuses.slice(0, 8).every((s) => s === 200)).toBe(true);
    expect(statuses[8]).toBe(429);
    // 300 different people from one address in a row: all registered.
    const venue = "198.51.100.200";
    let registered = 0;
    for (let i = 0; i < 300; i++) if ((await register(encounter.slug, formFields(`venue-${encounter.id}-${i}`), venue)).status === 200) registered++;
    expect(registered).toBe(300);
  });
});

describe("the manage link", () => {
  async function registered(slug: string, n: string, city: string = dane.bogota) {
    const fields = formFields(n, city);
    expect((await register(slug, fields)).data.kind).toBe("received");
    return tokenMailedTo(fields.email);
  }

  it("shows nothing of anyone for a malformed, unknown or expired token", async () => {
    for (const token of ["x", "a".repeat(43), "../../etc/passwd", "A".repeat(500)]) {
      const page = await call(() =>
        manage.loader({ request: new Request(`http://localhost/inscripcion/${encodeURIComponent(token)}`), params: { token }, context: {} }),
      );
      expect(page.status).toBe(404);
      expect(page.data).toEqual({ found: false });
      const cancel = await call(() => manage.action({ request: post(`/inscripcion/x`, { intent: "cancel" }), params: { token }, context: {} }));
      expect(cancel.status).toBe(404);
    }
    // A real token of an encounter that ended long ago has expired.
    const old = await makeEncounter({ capacity: 5 });
    const token = await registered(old.slug, `old-${old.id}`);
    await getDb()
      .updateTable("encounters")
      .set({ starts_at: "2020-01-01T13:00:00.000Z", ends_at: "2020-01-01T21:00:00.000Z" })
      .where("id", "=", old.id)
      .execute();
    const page = await call(() => manage.loader({ request: new Request(`http://localhost/inscripcion/${token}`), params: { token }, context: {} }));
    expect(page).toMatchObject({ status: 404, data: { found: false } });
  });

  it("lets the person correct their data, refusing bad input per field", async () => {
    const encounter = await makeEncounter({ capacity: 5 });
    const token = await registered(encounter.slug, `edit-${encounter.id}`);
    const bad = await call(() =>
      manage.action({
        request: post(`/inscripcion/${token}`, { intent: "update", fullName: "Ana\nOtra", entity: "Alcaldía", position: "Asesora", locale: "en" }),
        params: { token },
        context: {},
      }),
    );
    expect(bad).toMatchObject({ status: 400, data: { status: "error", error: { fullName: ["singleLine"] } } });
    const ok = await call(() =>
      manage.action({
        request: post(`/inscripcion/${token}`, {
          intent: "update",
          fullName: "Ana María Ruiz",
          entity: "Secretaría de Seguridad",
          position: "Asesora",
          phone: "601 555 0000",
          needs: "",
          locale: "en",
        }),
        params: { token },
        context: {},
      }),
    );
    expect(ok).toMatchObject({ status: 200, data: { kind: "saved" } });
    const page = await call(() => manage.loader({ request: new Request(`http://localhost/inscripcion/${token}`), params: { token }, context: {} }));
    expect(page.data.registration).toMatchObject({
      fullName: "Ana María Ruiz",
      entity: "Secretaría de Seguridad",
      phone: "601 555 0000",
      needs: null,
      locale: "en",
    });
  });

  it("cancels, gives the place to the first in line, and mails both people", async () => {
    const encounter = await makeEncounter({ capacity: 1, quota: 1 });
    const first = await registered(encounter.slug, `c1-${encounter.id}`);
    const waiting = await registered(encounter.slug, `c2-${encounter.id}`, dane.medellin);
    const before = await call(() =>
      manage.loader({ request: new Request(`http://localhost/inscripcion/${waiting}`), params: { token: waiting }, context: {} }),
    );
    expect(before.data.registration).toMatchObject({ status: "waitlisted", rank: 1 });
    const result = await call(() => manage.action({ request: post(`/inscripcion/${first}`, { intent: "cancel" }), params: { token: first }, context: {} }));
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe(`/inscripcion/${first}`);
    expect(await flashOf(result)).toBe(messagesFor("es").registration.manage.cancelled);
    const after = await call(() => manage.loader({ request: new Request(`http://localhost/inscripcion/${waiting}`), params: { token: waiting }, context: {} }));
    expect(after.data.registration).toMatchObject({ status: "confirmed", rank: null });
    const mine = await call(() => manage.loader({ request: new Request(`http://localhost/inscripcion/${first}`), params: { token: first }, context: {} }));
    expect(mine.data.registration.status).toBe("cancelled");
    const templates = (await outbox())
      .filter((m) => /^persona\.c[12]-/.test(m.recipient) && m.recipient.includes(`-${encounter.id}@`))
      .map((m) => [m.recipient.split("@")[0], m.template]);
    expect(templates).toEqual([
      [`persona.c1-${encounter.id}`, "registration-confirmed"],
      [`persona.c2-${encounter.id}`, "registration-waitlisted"],
      [`persona.c1-${encounter.id}`, "registration-cancelled"],
      [`persona.c2-${encounter.id}`, "registration-promoted"],
    ]);
    // A second cancel of the same registration is refused and changes nothing.
    const again = await call(() => manage.action({ request: post(`/inscripcion/${first}`, { intent: "cancel" }), params: { token: first }, context: {} }));
    expect(again.status).toBe(409);
  });

  it("shows the person's other registrations on the manage page, only to that person signed in", async () => {
    const a = await makeEncounter({ capacity: 5, startsInDays: 20 });
    const b = await makeEncounter({ capacity: 5, startsInDays: 40 });
    const c = await makeEncounter({ capacity: 5, startsInDays: 60 });
    const unrelated = await makeEncounter({ capacity: 5 });
    const n = `otras-${a.id}`;
    const token = await registered(a.slug, n);
    await registered(b.slug, n);
    const cancelled = await registered(c.slug, n);
    expect(
      (await call(() => manage.action({ request: post(`/inscripcion/${cancelled}`, { intent: "cancel" }), params: { token: cancelled }, context: {} }))).status,
    ).toBe(303);
    // Someone else in another encounter, who must not show up in this person's list.
    await registered(unrelated.slug, `ajena-${a.id}`);
    const db = getDb();
    const participant = await db.selectFrom("participants").select("id").where("email", "=", `persona.${n}@alcaldia.gov.co`).executeTakeFirstOrThrow();
    const regs = await db.selectFrom("registrations").select(["id", "encounter_id"]).where("participant_id", "=", participant.id).execute();
    expect(regs).toHaveLength(3);
    const regOf = (encounterId: number) => regs.find((r) => r.encounter_id === encounterId)!.id;
    const page = (cookie?: string) =>
      call(() =>
        manage.loader({
          request: new Request(`http://localhost/inscripcion/${token}`, { headers: cookie ? { Cookie: cookie } : {} }),
          params: { token },
          context: {},
        }),
      );

    const mine = await page(await participantCookie(participant.id));
    expect(mine.status).toBe(200);
    // The other two, latest encounter first, with their own state; not the one on this page.
    expect(mine.data.others).toEqual([
      { id: regOf(c.id), title: c.title, slug: c.slug, status: "cancelled", startsAt: c.starts_at, timezone: c.timezone },
      { id: regOf(b.id), title: b.title, slug: b.slug, status: "confirmed", startsAt: b.starts_at, timezone: b.timezone },
    ]);

    // The link alone, or the link opened by someone else signed in, shows this registration only.
    expect((await page()).data.others).toEqual([]);
    const stranger = await db.selectFrom("participants").select("id").where("email", "=", `persona.ajena-${a.id}@alcaldia.gov.co`).executeTakeFirstOrThrow();
    const theirs = await page(await participantCookie(stranger.id));
    expect(theirs.status).toBe(200);
    expect(theirs.data.registration.email).toBe(`persona.${n}@alcaldia.gov.co`);
    expect(theirs.data.others).toEqual([]);
  });

  it("lists all of a signed-in person's registrations with their links", async () => {
    const a = await makeEncounter({ capacity: 5 });
    const b = await makeEncounter({ capacity: 5 });
    const n = `cuenta-${a.id}`;
    await registered(a.slug, n);
    await registered(b.slug, n);
    const db = getDb();
    const participant = await db.selectFrom("participants").select("id").where("email", "=", `persona.${n}@alcaldia.gov.co`).executeTakeFirstOrThrow();
    const cookie = await participantCookie(participant.id);
    const page = await call(() =>
      account.loader({ request: new Request("http://localhost/mi-cuenta", { headers: { Cookie: cookie } }), params: {}, context: {} }),
    );
    expect(page.data.registrations).toHaveLength(2);
    for (const r of page.data.registrations) expect(r.manageUrl).toMatch(/^\/inscripcion\/[A-Za-z0-9_-]{43}$/);
    await sql`select 1`.execute(db);
  });
});
