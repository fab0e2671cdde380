import { beforeAll, describe, expect, it } from "vitest";
import { messagesFor } from "~/i18n/catalog.server";
import * as page from "~/routes/admin.cuenta";
import * as signIn from "~/routes/ingresar._index";
import { consumeFlash } from "~/server/flash.server";
import { getOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { passwordKeys } from "~/server/password-limits.server";
import { storedRateKey } from "~/server/rate-limit.server";
import { ensureParticipant, formRequest, getRequest, organizerCookie, participantCookie } from "../helpers/auth";
import { describedBy, openingTag, renderAdminLayout, renderAfterPost } from "../helpers/rendered-page";
import { call, ctx } from "../helpers/route";
import { tableContents } from "../helpers/table-contents";
import { makeOrganizer } from "../factories";

// An organizer's own account (/admin/cuenta): the generated password an admin handed over is
// replaced by one of the organizer's own, other devices are signed out, and the page is no
// second door for guessing passwords.

const url = "/admin/cuenta";
/** Conform's reply lists a field's errors (keys of t.organizers.errors); the first is the one shown. */
const inReply = (errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, [key]]));
const es = messagesFor("es").organizers;
const initial = "clave-inicial-larga";

let clients = 0;
/** A fresh client address per request unless one is given: the per-email limit is what is tested. */
const nextIp = () => `198.51.100.${++clients}`;

const post = (fields: Record<string, string>, cookie?: string, ip = nextIp()) =>
  call(() => page.action({ request: formRequest(url, fields, { cookie }), params: {}, context: ctx(ip) }));
const change = (current: string, next: string, confirm = next) => ({ currentPassword: current, newPassword: next, confirmPassword: confirm });
const signInWith = (email: string, password: string) =>
  call(() => signIn.action({ request: formRequest("/ingresar", { email, password }), params: {}, context: ctx(nextIp()) }));
const hashOf = async (email: string) =>
  (await getDb().selectFrom("organizers").select("password_hash").where("email", "=", email).executeTakeFirstOrThrow()).password_hash;
const sessionsOf = (id: number) => getDb().selectFrom("sessions").select("id").where("organizer_id", "=", id).execute();

// An admin of this file's own (the others are made by each test).
const adminEmail = "organizadora@convoca.test";
beforeAll(async () => {
  await makeOrganizer(getDb(), { email: adminEmail, role: "admin" });
});

async function seedAccount(email: string, role: "admin" | "organizer" = "organizer") {
  return (await makeOrganizer(getDb(), { email, name: `Cuenta ${email}`, role, password: initial })).id;
}

describe("an organizer changes their own password", () => {
  it("stores the new one, signs out the other devices but not this one, and audits it without the password", async () => {
    const email = "cambio@asociacion.org";
    const id = await seedAccount(email);
    const here = await organizerCookie(email);
    const elsewhere = await organizerCookie(email);
    const next = "una frase nueva y larga";

    const r = await post(change(initial, next), here);
    expect(r.status, JSON.stringify(r.data)).toBe(302);
    expect(r.headers.get("Location")).toBe("/admin/cuenta");
    // The "password changed" banner comes once, by a signed flash cookie (app/server/flash.server).
    const flash = r.headers.get("Set-Cookie") ?? "";
    expect(flash).toMatch(/^convoca_flash=/);
    const shown = await consumeFlash(getRequest(url, flash.split(";")[0]));
    expect(shown.flash).toBe(es.account.changed);
    expect(shown.headers.get("Set-Cookie")).toMatch(/^convoca_flash=;.*Expires=Thu, 01 Jan 1970/);

    // The sign-in form: the old password no longer opens the account, the new one does.
    expect(await signInWith(email, initial)).toMatchObject({ status: 400, data: { error: { "": ["wrongCredentials"] } } });
    const signedIn = await signInWith(email, next);
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("Location")).toBe("/admin");

    expect(await getOrganizer(getRequest(url, here))).toMatchObject({ id });
    expect(await getOrganizer(getRequest(url, elsewhere))).toBeNull();
    // This one, and the one the sign-in above just opened.
    expect(await sessionsOf(id)).toHaveLength(2);

    const entries = await getDb()
      .selectFrom("audit_log")
      .select(["actor", "action", "entity", "entity_id", "data"])
      .where("action", "=", "organizer.password")
      .execute();
    expect(entries).toEqual([
      { actor: `organizer:${id}`, action: "organizer.password", entity: "organizer", entity_id: String(id), data: JSON.stringify({ sessionsEnded: 1 }) },
    ]);
    const everything = JSON.stringify(await getDb().selectFrom("audit_log").selectAll().execute());
    expect(everything).not.toContain(next);
    expect(everything).not.toContain(initial);
  });

  it("works for an admin too, and the loader shows who is signed in without any secret", async () => {
    const admin = await organizerCookie(adminEmail);
    const r = await call(() => page.loader({ request: getRequest(url, admin), params: {}, context: {} }));
    expect(r).toMatchObject({ status: 200, data: { name: expect.any(String), email: "organizadora@convoca.test", role: "admin" } });
    expect(JSON.stringify(r.data)).not.toContain("scrypt");

    await seedAccount("ver.cuenta@asociacion.org");
    const cookie = await organizerCookie("ver.cuenta@asociacion.org");
    const own = await call(() => page.loader({ request: getRequest(url, cookie), params: {}, context: {} }));
    expect(own.data).toEqual({ name: "Cuenta ver.cuenta@asociacion.org", email: "ver.cuenta@asociacion.org", role: "organizer" });
  });
});

describe("refused changes write nothing (rate-limit counters aside)", () => {
  it.each([
    ["a wrong current password", change("no-es-la-clave-actual", "una frase nueva y larga"), { currentPassword: "passwordWrong" }],
    ["a new password under 12 characters", change(initial, "corta-de-11"), { newPassword: "passwordShort" }],
    ["11 characters once the edge spaces are trimmed away", change(initial, "   once-letras   "), { newPassword: "passwordShort" }],
    ["two copies that differ", change(initial, "una frase nueva y larga", "una frase nueva y largo"), { confirmPassword: "passwordMismatch" }],
    ["the current password again", change(initial, initial), { newPassword: "passwordSame" }],
    ["blank fields", change("", "", ""), { currentPassword: "required", newPassword: "required", confirmPassword: "required" }],
    ["a password longer than the sign-in form accepts", change(initial, "x".repeat(201)), { newPassword: "tooLong", confirmPassword: "tooLong" }],
  ])("refuses %s with 400 and the field's error", async (_what, fields, errors) => {
    const email = `rechazo.${++clients}@asociacion.org`;
    const id = await seedAccount(email);
    const here = await organizerCookie(email);
    const elsewhere = await organizerCookie(email);
    const hash = await hashOf(email);
    const before = await tableContents();

    const r = await post(fields, here);
    expect(r).toMatchObject({ status: 400, data: { error: inReply(errors) } });
    expect(Object.keys(r.data.error).sort()).toEqual(Object.keys(errors).sort());
    // Nothing typed comes back.
    expect(Object.values(r.data.initialValue ?? {}).filter((v) => v !== undefined)).toEqual([]);
    for (const typed of Object.values(fields).filter((v) => v.trim())) expect(JSON.stringify(r.data)).not.toContain(typed);

    expect(await tableContents()).toEqual(before);
    expect(await hashOf(email)).toBe(hash);
    expect(await getOrganizer(getRequest(url, elsewhere))).toMatchObject({ id });
    for (const key of Object.values(errors)) expect(es.errors[key as keyof typeof es.errors]).toMatch(/\S/);
  });

  it("changes the password once when the same form is sent twice at once: the second is refused as a wrong current password", async () => {
    const email = `doble.${++clients}@asociacion.org`;
    const id = await seedAccount(email);
    const here = await organizerCookie(email);
    const next = "una frase nueva y larga";
    const answers = await Promise.all([post(change(initial, next), here), post(change(initial, next), here)]);
    expect(answers.map((a) => a.status).sort()).toEqual([302, 400]);
    expect(answers.find((a) => a.status === 400)).toMatchObject({ data: { error: { currentPassword: ["passwordWrong"] } } });
    const audits = await getDb().selectFrom("audit_log").select("id").where("action", "=", "organizer.password").where("entity_id", "=", String(id)).execute();
    expect(audits).toHaveLength(1);
    expect(await signInWith(email, next)).toMatchObject({ status: 302 });
  });

  it("refuses a repeated field as invalid, writing nothing", async () => {
    const email = `repetido.${++clients}@asociacion.org`;
    await seedAccount(email);
    const here = await organizerCookie(email);
    const hash = await hashOf(email);
    const body = new URLSearchParams(change(initial, "una frase nueva y larga"));
    body.append("newPassword", "otra frase distinta y larga");
    const before = await tableContents();
    const request = new Request(`http://localhost${url}`, {
      method: "POST",
      body,
      headers: { Cookie: here, "Content-Type": "application/x-www-form-urlencoded" },
    });
    const r = await call(() => page.action({ request, params: {}, context: ctx(nextIp()) }));
    expect(r).toMatchObject({ status: 400, data: { error: { newPassword: ["invalid"] } } });
    expect(await tableContents()).toEqual(before);
    expect(await hashOf(email)).toBe(hash);
  });

  it("says so in Spanish", () => {
    expect(es.errors.passwordWrong).toBe("La contraseña actual no es correcta.");
  });

  it("counts each try against the sign-in limits: past them, a Spanish 429 from that client even with the right password", async () => {
    const email = "adivinar@asociacion.org";
    await seedAccount(email);
    const here = await organizerCookie(email);
    const hash = await hashOf(email);
    // Ten wrong tries on the account from one address, as on the sign-in form (issue 14, item 6:
    // per account and client; an account is slowed down, never locked for everyone).
    const guesser = "198.51.100.250";
    for (let i = 0; i < 10; i++) expect((await post(change(`intento-${i}-equivocado`, "una frase nueva y larga"), here, guesser)).status).toBe(400);
    const before = await tableContents();
    const limited = await post(change(initial, "una frase nueva y larga"), here, guesser);
    expect(limited.status).toBe(429);
    expect(limited.data).toMatch(/^Demasiados intentos\. Espere (1 minuto|\d+ minutos) y vuelva a intentarlo\.$/);
    expect(limited.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await hashOf(email)).toBe(hash);
    expect(await tableContents()).toEqual(before);
    // The same counter as the sign-in form's.
    expect(
      (await call(() => signIn.action({ request: formRequest("/ingresar", { email, password: initial }), params: {}, context: ctx(guesser) }))).status,
    ).toBe(429);
    // The owner, from an address that has not been failing, still gets in.
    expect((await signInWith(email, initial)).status).toBe(302);
  });

  it("shares the per-client limit of the sign-in form too", async () => {
    const email = "cliente.limitado@asociacion.org";
    await seedAccount(email);
    const here = await organizerCookie(email);
    const ip = "203.0.113.99";
    const now = new Date().toISOString();
    await getDb()
      .insertInto("rate_limits")
      .values({
        key: storedRateKey(passwordKeys.client(ip)),
        window_started_at: now,
        hits: 50,
        expires_at: new Date(Date.now() + 60_000).toISOString(),
        last_hit_at: now,
      })
      .execute();
    const before = await tableContents();
    expect((await post(change(initial, "una frase nueva y larga"), here, ip)).status).toBe(429);
    expect(await tableContents()).toEqual(before);
  });
});

describe("who may open the page", () => {
  it("sends anonymous visitors and authorities to the organizers' sign-in, for the page and the action, writing nothing", async () => {
    const authority = await participantCookie(await ensureParticipant("autoridad.cuenta@bogota.gov.co", "11001"));
    const before = await tableContents();
    for (const cookie of [undefined, authority]) {
      const get = await call(() => page.loader({ request: getRequest(url, cookie), params: {}, context: {} }));
      expect(get.status).toBe(302);
      expect(get.headers.get("Location")).toBe(`/ingresar?redirectTo=${encodeURIComponent(url)}`);
      const r = await post(change("convoca-demo", "una frase nueva y larga"), cookie);
      expect(r.status).toBe(302);
      expect(r.headers.get("Location")).toBe(`/ingresar?redirectTo=${encodeURIComponent(url)}`);
    }
    expect(await tableContents()).toEqual(before);
  });
});

describe("the page as the server sends it", () => {
  it("labels every field, asks the browser for the right autocomplete, and ties the errors to the fields", async () => {
    const email = "pagina.cuenta@asociacion.org";
    await seedAccount(email);
    const cookie = await organizerCookie(email);
    const wrong = await renderAfterPost(
      page,
      url,
      formRequest(url, change("no-es-la-clave-actual", "una frase nueva y larga"), { cookie }),
      400,
      ctx(nextIp()),
    );
    const current = openingTag(wrong, "input", "currentPassword");
    expect(current).toMatch(/autocomplete="current-password"/i);
    expect(current).toContain('aria-invalid="true"');
    expect(current).not.toContain("value=");
    expect(describedBy(wrong, current).described).toEqual(["La contraseña actual no es correcta."]);
    for (const name of ["newPassword", "confirmPassword"]) expect(openingTag(wrong, "input", name)).toMatch(/autocomplete="new-password"/i);
    for (const label of [es.account.currentPassword, es.account.newPassword, es.account.confirmPassword])
      expect(wrong).toMatch(new RegExp(`<label for="account-\\w+">${label}`));
    expect(wrong).toContain(`<h1>${es.account.title}</h1>`);

    const mismatch = await renderAfterPost(
      page,
      url,
      formRequest(url, change(initial, "una frase nueva y larga", "otra frase"), { cookie }),
      400,
      ctx(nextIp()),
    );
    const confirm = openingTag(mismatch, "input", "confirmPassword");
    expect(describedBy(mismatch, confirm).described).toEqual([es.errors.passwordMismatch]);
    const fresh = openingTag(mismatch, "input", "newPassword");
    expect(describedBy(mismatch, fresh).described).toEqual([es.account.newPasswordHint]);
    // Not a word of what was typed.
    expect(mismatch).not.toContain("una frase nueva y larga");
    expect(mismatch).not.toContain(initial);
  });
});

describe("where organizers find it", () => {
  let admin: string;
  beforeAll(async () => {
    admin = await organizerCookie(adminEmail);
  });

  it("links to it from the organizer area's navigation, for admins and organizers alike", async () => {
    expect(await renderAdminLayout(admin)).toContain(`href="/admin/cuenta"`);
    await seedAccount("nav.cuenta@asociacion.org");
    expect(await renderAdminLayout(await organizerCookie("nav.cuenta@asociacion.org"))).toContain(`href="/admin/cuenta"`);
  });

  it("tells the admin who creates an account that the colleague should change the password there", async () => {
    const accounts = await import("~/routes/admin.organizadores");
    const html = await renderAfterPost(
      accounts,
      "/admin/organizadores",
      formRequest(
        "/admin/organizadores",
        { intent: "create", name: "Nueva Colega", email: "nueva.colega@asociacion.org", role: "organizer" },
        { cookie: admin },
      ),
      200,
    );
    expect(html).toContain("Pídale a Nueva Colega que, al ingresar por primera vez, la cambie por una propia en /admin/cuenta");
  });
});
