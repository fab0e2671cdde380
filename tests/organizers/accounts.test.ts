import { beforeAll, describe, expect, it } from "vitest";
import { messagesFor } from "~/i18n/catalog.server";
import { setOrganizerDisabled, setOrganizerRole } from "~/features/organizers/commands.server";
import * as page from "~/routes/admin.organizadores";
import { getOrganizer, verifyOrganizerLogin } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { formRequest, getRequest, organizerCookie } from "../helpers/auth";
import { describedBy, openingTag, renderAdminLayout, renderAfterPost } from "../helpers/rendered-page";
import { call } from "../helpers/route";
import { tableContents } from "../helpers/table-contents";
import { makeOrganizer, makeSignedInOrganizer } from "../factories";

// Organizer accounts managed from the browser (/admin/organizadores): admins only, every change
// audited, and never a way to lock the association out of its own Convoca.

const url = "/admin/organizadores";
const es = messagesFor("es").organizers;
/** Conform's reply lists a field's errors (keys of t.organizers.errors); the first is the one shown. */
const inReply = (errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, [key]]));
let admin: string;
let adminId: number;

// null: no cookie at all (undefined would mean the admin's, as a default parameter).
const post = (fields: Record<string, string>, cookie: string | null = admin) =>
  call(() => page.action({ request: formRequest(url, fields, { cookie: cookie ?? undefined }), params: {}, context: {} }));
const list = (cookie: string | null = admin) => call(() => page.loader({ request: getRequest(url, cookie ?? undefined), params: {}, context: {} }));
const account = (email: string) => getDb().selectFrom("organizers").selectAll().where("email", "=", email).executeTakeFirstOrThrow();
const audits = (id: number) =>
  getDb()
    .selectFrom("audit_log")
    .select(["actor", "action", "data"])
    .where("entity", "=", "organizer")
    .where("entity_id", "=", String(id))
    .orderBy("id")
    .execute();

/** An account written straight to the database, for the cases that are not about creating one. */
async function seedAccount(email: string, role: "admin" | "organizer" = "organizer") {
  return (await makeOrganizer(getDb(), { email, name: `Cuenta ${email}`, role, password: "una-clave-larga" })).id;
}

// The admin who signs in to manage the accounts.
beforeAll(async () => {
  const me = await makeSignedInOrganizer(getDb(), { email: "organizadora@convoca.test", role: "admin" });
  admin = me.cookie;
  adminId = me.id;
});

describe("an admin manages organizer accounts", () => {
  it("lists every account with its role, creation date and status", async () => {
    await seedAccount("lista.desactivada@asociacion.org");
    await getDb().updateTable("organizers").set({ disabled_at: new Date().toISOString() }).where("email", "=", "lista.desactivada@asociacion.org").execute();
    const r = await list();
    expect(r.status).toBe(200);
    expect(r.data.me).toBe(adminId);
    const demo = r.data.accounts.find((a: { email: string }) => a.email === "organizadora@convoca.test");
    expect(demo).toMatchObject({ role: "admin", disabled_at: null });
    expect(typeof demo.created_at).toBe("string");
    expect(r.data.accounts.find((a: { email: string }) => a.email === "lista.desactivada@asociacion.org").disabled_at).not.toBeNull();
    // Nothing secret leaves the server.
    expect(JSON.stringify(r.data)).not.toContain("scrypt");
  });

  it("creates an account with a strong generated password shown once, never stored in the clear, and audits it", async () => {
    const r = await post({ intent: "create", name: "  Luisa Gómez ", email: " Luisa.Gomez@Asociacion.org ", role: "organizer" });
    expect(r.status, JSON.stringify(r.data)).toBe(200);
    expect(r.headers.get("Cache-Control")).toBe("no-store");
    const { created } = r.data;
    expect(created).toMatchObject({ name: "Luisa Gómez", email: "luisa.gomez@asociacion.org", role: "organizer" });
    expect(created.password).toMatch(/^[A-Za-z0-9_-]{20,}$/);

    const row = await account("luisa.gomez@asociacion.org");
    expect(row).toMatchObject({ name: "Luisa Gómez", role: "organizer", disabled_at: null });
    expect(row.password_hash).not.toContain(created.password);
    expect(await verifyOrganizerLogin(getDb(), "luisa.gomez@asociacion.org", created.password)).toMatchObject({ id: row.id, role: "organizer" });

    const entries = await audits(row.id);
    expect(entries).toEqual([
      { actor: `organizer:${adminId}`, action: "organizer.create", data: JSON.stringify({ email: "luisa.gomez@asociacion.org", role: "organizer" }) },
    ]);
    const allAudit = await getDb().selectFrom("audit_log").select("data").execute();
    expect(allAudit.some((a) => a.data?.includes(created.password))).toBe(false);

    // Two accounts never get the same password.
    const other = await post({ intent: "create", name: "Otra Persona", email: "otra.persona@asociacion.org", role: "admin" });
    expect(other.data.created.password).not.toBe(created.password);
    expect((await account("otra.persona@asociacion.org")).role).toBe("admin");
  });

  it("disables an account, ending its sessions at once, and re-enables it", async () => {
    const id = await seedAccount("desactivar@asociacion.org");
    const cookieA = await organizerCookie("desactivar@asociacion.org");
    await organizerCookie("desactivar@asociacion.org");
    const db = getDb();
    expect(await db.selectFrom("sessions").select("id").where("organizer_id", "=", id).execute()).toHaveLength(2);
    expect(await getOrganizer(getRequest(url, cookieA))).not.toBeNull();

    const off = await post({ intent: "disable", id: String(id) });
    expect(off).toMatchObject({ status: 200, data: { form: "account", done: "disabled", name: "Cuenta desactivar@asociacion.org" } });
    expect((await account("desactivar@asociacion.org")).disabled_at).not.toBeNull();
    expect(await db.selectFrom("sessions").select("id").where("organizer_id", "=", id).execute()).toHaveLength(0);
    expect(await getOrganizer(getRequest(url, cookieA))).toBeNull();
    expect(await verifyOrganizerLogin(db, "desactivar@asociacion.org", "una-clave-larga")).toBeNull();

    // Again: nothing to change, nothing written.
    const before = await tableContents();
    expect(await post({ intent: "disable", id: String(id) })).toMatchObject({ status: 200, data: { done: "unchanged" } });
    expect(await tableContents()).toEqual(before);

    const on = await post({ intent: "enable", id: String(id) });
    expect(on).toMatchObject({ status: 200, data: { done: "enabled" } });
    expect((await account("desactivar@asociacion.org")).disabled_at).toBeNull();
    expect(await verifyOrganizerLogin(db, "desactivar@asociacion.org", "una-clave-larga")).toMatchObject({ id });

    const entries = await audits(id);
    expect(entries.map((e) => e.action)).toEqual(["organizer.disable", "organizer.enable"]);
    expect(entries[0]).toMatchObject({ actor: `organizer:${adminId}`, data: JSON.stringify({ sessionsEnded: 2 }) });
  });

  it("changes a role both ways, and the new role takes effect on the next request", async () => {
    const id = await seedAccount("rol@asociacion.org");
    const cookie = await organizerCookie("rol@asociacion.org");
    expect((await list(cookie)).status).toBe(403);

    expect(await post({ intent: "role", id: String(id), role: "admin" })).toMatchObject({ status: 200, data: { done: "roleChanged", role: "admin" } });
    expect((await account("rol@asociacion.org")).role).toBe("admin");
    expect((await list(cookie)).status).toBe(200);

    expect(await post({ intent: "role", id: String(id), role: "organizer" })).toMatchObject({ status: 200, data: { done: "roleChanged", role: "organizer" } });
    expect((await account("rol@asociacion.org")).role).toBe("organizer");
    expect((await list(cookie)).status).toBe(403);

    // The role it already has (a resent form): nothing to change, nothing written.
    const unchanged = await tableContents();
    expect(await post({ intent: "role", id: String(id), role: "organizer" })).toMatchObject({ status: 200, data: { done: "unchanged" } });
    expect(await tableContents()).toEqual(unchanged);

    const entries = await audits(id);
    expect(entries).toEqual([
      { actor: `organizer:${adminId}`, action: "organizer.role", data: JSON.stringify({ from: "organizer", to: "admin" }) },
      { actor: `organizer:${adminId}`, action: "organizer.role", data: JSON.stringify({ from: "admin", to: "organizer" }) },
    ]);
  });
});

describe("who may manage accounts", () => {
  it("refuses an organizer without the admin role with 403 on the page and on every action, writing nothing", async () => {
    const target = await seedAccount("objetivo@asociacion.org");
    await seedAccount("sin.rol@asociacion.org");
    const organizer = await organizerCookie("sin.rol@asociacion.org");
    expect((await list(organizer)).status).toBe(403);
    const before = await tableContents();
    const actions: Array<Record<string, string>> = [
      { intent: "create", name: "Intrusa", email: "intrusa@asociacion.org", role: "admin" },
      { intent: "disable", id: String(target) },
      { intent: "disable", id: String(adminId) },
      { intent: "enable", id: String(target) },
      { intent: "role", id: String(target), role: "admin" },
      { intent: "role", id: String(adminId), role: "organizer" },
    ];
    for (const fields of actions) {
      const r = await post(fields, organizer);
      expect(r.status, JSON.stringify(fields)).toBe(403);
      expect(r.data).toBe("Solo administradores");
    }
    expect(await tableContents()).toEqual(before);
    expect((await account("objetivo@asociacion.org")).role).toBe("organizer");
  });

  it("sends an anonymous visitor to sign in, for the page and the actions", async () => {
    const before = await tableContents();
    const get = await list(null);
    expect(get.status).toBe(302);
    expect(get.headers.get("Location")).toBe(`/ingresar?redirectTo=${encodeURIComponent(url)}`);
    const r = await post({ intent: "create", name: "Anónima", email: "anonima@asociacion.org", role: "admin" }, null);
    expect(r.status).toBe(302);
    expect(await tableContents()).toEqual(before);
  });
});

describe("the rules that keep an admin in charge", () => {
  it("refuses an admin disabling or demoting their own account (409), with the reason in Spanish", async () => {
    // Another active admin exists, so it is the self rule that answers.
    await seedAccount("otra.admin@asociacion.org", "admin");
    const before = await tableContents();
    const off = await post({ intent: "disable", id: String(adminId) });
    expect(off).toMatchObject({ status: 409, data: { form: "account", refusal: "self" } });
    const demote = await post({ intent: "role", id: String(adminId), role: "organizer" });
    expect(demote).toMatchObject({ status: 409, data: { form: "account", refusal: "self" } });
    expect(await tableContents()).toEqual(before);
    expect(await account("organizadora@convoca.test")).toMatchObject({ role: "admin", disabled_at: null });
    expect(es.refusals.self).toMatch(/^No puede desactivar su propia cuenta/);
  });

  it("never disables or demotes the last active admin (409); a disabled admin does not count", async () => {
    const db = getDb();
    // Leave the signed-in admin as the only active admin; one more admin exists but is disabled.
    await db.updateTable("organizers").set({ role: "organizer" }).where("role", "=", "admin").where("id", "!=", adminId).execute();
    const dormant = await seedAccount("admin.dormida@asociacion.org", "admin");
    await db.updateTable("organizers").set({ disabled_at: new Date().toISOString() }).where("id", "=", dormant).execute();

    const before = await tableContents();
    expect(await post({ intent: "disable", id: String(adminId) })).toMatchObject({ status: 409, data: { refusal: "lastAdmin" } });
    expect(await post({ intent: "role", id: String(adminId), role: "organizer" })).toMatchObject({ status: 409, data: { refusal: "lastAdmin" } });
    // Whoever asks (here an actor that is not the admin itself), the last admin stays.
    expect(await setOrganizerDisabled(db, { id: adminId, disabled: true, actorId: dormant })).toEqual({ ok: false, refusal: "lastAdmin" });
    expect(await setOrganizerRole(db, { id: adminId, role: "organizer", actorId: dormant })).toEqual({ ok: false, refusal: "lastAdmin" });
    expect(await tableContents()).toEqual(before);
    expect(es.refusals.lastAdmin).toMatch(/^Es la última cuenta de administración activa/);

    // A disabled admin may still be demoted: it keeps no one in charge.
    expect(await post({ intent: "role", id: String(dormant), role: "organizer" })).toMatchObject({ status: 200, data: { done: "roleChanged" } });
  });

  it("lets only one of two admins demoting each other at the same moment succeed", async () => {
    const db = getDb();
    await db.updateTable("organizers").set({ role: "organizer" }).where("role", "=", "admin").where("id", "!=", adminId).execute();
    const other = await seedAccount("admin.simultanea@asociacion.org", "admin");
    const results = await Promise.all([
      setOrganizerRole(db, { id: other, role: "organizer", actorId: adminId }),
      setOrganizerRole(db, { id: adminId, role: "organizer", actorId: other }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, refusal: "lastAdmin" }]);
    const admins = await db.selectFrom("organizers").select("id").where("role", "=", "admin").where("disabled_at", "is", null).execute();
    expect(admins).toHaveLength(1);
    // Put the signed-in admin back in charge for the tests after this one.
    await db.updateTable("organizers").set({ role: "admin" }).where("id", "=", adminId).execute();
  });
});

describe("refused input", () => {
  it("refuses a second account with the same email (any case) with the field error, 400, writing nothing", async () => {
    await seedAccount("repetida@asociacion.org");
    const before = await tableContents();
    for (const email of ["repetida@asociacion.org", "REPETIDA@Asociacion.org", "organizadora@convoca.test"]) {
      const r = await post({ intent: "create", name: "Repetida", email, role: "organizer" });
      expect(r, email).toMatchObject({ status: 400, data: { error: { email: ["emailTaken"] }, initialValue: { name: "Repetida" } } });
      expect(r.data.created).toBeUndefined();
    }
    expect(await tableContents()).toEqual(before);
    expect(es.errors.emailTaken).toBe("Ya existe una cuenta con ese correo.");
  });

  it.each([
    ["a bad email", { name: "Ana", email: "no-es-correo", role: "organizer" }, { email: "email" }],
    ["an unknown role", { name: "Ana", email: "ana.rol@asociacion.org", role: "superadmin" }, { role: "role" }],
    ["no role", { name: "Ana", email: "ana.rol@asociacion.org" }, { role: "required" }],
    ["an over-long name", { name: "A".repeat(121), email: "ana.larga@asociacion.org", role: "organizer" }, { name: "tooLong" }],
    ["a blank name and email", { name: "   ", email: "", role: "admin" }, { name: "required", email: "required" }],
  ])("refuses %s with 400 and the field's error, writing nothing", async (_what, fields, errors) => {
    const before = await tableContents();
    const r = await post({ intent: "create", ...fields });
    expect(r).toMatchObject({ status: 400, data: { error: inReply(errors) } });
    expect(await tableContents()).toEqual(before);
    for (const key of Object.values(errors)) expect(es.errors[key as keyof typeof es.errors]).toMatch(/\S/);
  });

  it("refuses a malformed account id or action with 400, an unknown account with 404, and a repeated field as invalid", async () => {
    const before = await tableContents();
    const malformed: Array<Record<string, string>> = [
      { intent: "disable", id: "1 or 1=1" },
      { intent: "enable", id: "-1" },
      { intent: "role", id: "", role: "admin" },
      { intent: "role", id: "2", role: "root" },
      { intent: "delete", id: "2" },
      {},
    ];
    for (const fields of malformed) {
      expect(await post(fields), JSON.stringify(fields)).toMatchObject({ status: 400, data: { form: "account", refusal: "invalid" } });
    }
    const unknown: Array<Record<string, string>> = [
      { intent: "disable", id: "999999" },
      { intent: "enable", id: "999999" },
      { intent: "role", id: "999999", role: "admin" },
    ];
    for (const fields of unknown) {
      expect(await post(fields), JSON.stringify(fields)).toMatchObject({ status: 404, data: { refusal: "notFound" } });
    }
    const repeated = new URLSearchParams([
      ["intent", "create"],
      ["name", "Ana"],
      ["name", "Eva"],
      ["email", "ana.eva@asociacion.org"],
      ["role", "organizer"],
    ]);
    const r = await call(() =>
      page.action({
        request: new Request(`http://localhost${url}`, {
          method: "POST",
          body: repeated,
          headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: admin },
        }),
        params: {},
        context: {},
      }),
    );
    expect(r).toMatchObject({ status: 400, data: { error: { name: ["invalid"] } } });
    expect(await tableContents()).toEqual(before);
  });
});

describe("the page as the server sends it", () => {
  it("ties each refused field's Spanish error to its control, and keeps what was typed", async () => {
    const bad = await renderAfterPost(
      page,
      url,
      formRequest(url, { intent: "create", name: "", email: "nueva@asociacion.org", role: "jefe" }, { cookie: admin }),
    );
    expect(describedBy(bad, openingTag(bad, "input", "name")).described).toEqual([es.errors.required]);
    // The create form's select (each row of the table has a role select of its own before it).
    const roleSelect = /<select[^>]*id="organizer-role"[^>]*>/.exec(bad)?.[0] ?? "";
    expect(describedBy(bad, roleSelect).described).toEqual([es.roleHint, es.errors.role]);
    expect(roleSelect).toContain('aria-invalid="true"');
    expect(openingTag(bad, "input", "email")).toContain('value="nueva@asociacion.org"');
    for (const label of [es.name, es.email, es.role]) expect(bad).toMatch(new RegExp(`<label for="organizer-\\w+">${label}`));

    await seedAccount("pagina.repetida@asociacion.org");
    const taken = await renderAfterPost(
      page,
      url,
      formRequest(url, { intent: "create", name: "Repetida", email: "pagina.repetida@asociacion.org", role: "organizer" }, { cookie: admin }),
    );
    const email = openingTag(taken, "input", "email");
    expect(email).toContain('aria-invalid="true"');
    expect(email).toContain('value="pagina.repetida@asociacion.org"');
    expect(describedBy(taken, email).described).toEqual(["Ya existe una cuenta con ese correo."]);
    expect(openingTag(taken, "input", "name")).toContain('value="Repetida"');
  });

  it("says in Spanish why a change to one's own account was refused (409)", async () => {
    await seedAccount("pagina.admin@asociacion.org", "admin");
    const html = await renderAfterPost(page, url, formRequest(url, { intent: "disable", id: String(adminId) }, { cookie: admin }), 409);
    expect(html).toMatch(new RegExp(`role="alert">${es.refusals.self}`));
  });

  it("shows the generated password once, with the note to hand it over securely", async () => {
    const html = await renderAfterPost(
      page,
      url,
      formRequest(url, { intent: "create", name: "Pedro Ruiz", email: "pedro.ruiz@asociacion.org", role: "organizer" }, { cookie: admin }),
      200,
    );
    const password = /<code>([^<]+)<\/code>/.exec(html)?.[1] ?? "";
    expect(await verifyOrganizerLogin(getDb(), "pedro.ruiz@asociacion.org", password)).not.toBeNull();
    expect(html).toContain("Esta contraseña se muestra solo esta vez");
    // The page after that (its loader) never has it.
    expect(JSON.stringify((await list()).data)).not.toContain(password);
  });
});

describe("the organizer area's navigation", () => {
  it("links to the accounts page for admins only", async () => {
    expect(await renderAdminLayout(admin)).toContain(`href="/admin/organizadores"`);
    await seedAccount("nav.sin.rol@asociacion.org");
    expect(await renderAdminLayout(await organizerCookie("nav.sin.rol@asociacion.org"))).not.toContain("/admin/organizadores");
  });
});
