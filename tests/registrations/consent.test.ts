import { beforeAll, describe, expect, it } from "vitest";
import * as exportRoute from "~/routes/admin.personas.exportar";
import * as list from "~/routes/admin.encuentros.$slug.registros/route";
import * as importer from "~/routes/admin.encuentros.$slug.registros_.importar";
import * as checkin from "~/routes/admin.encuentros.$slug.acreditacion/route";
import * as manage from "~/routes/inscripcion.$token";
import * as form from "~/routes/encuentros.$slug.registro";
import { getDb } from "~/server/db.server";
import { messagesFor } from "~/i18n/catalog.server";
import { makeSignedInOrganizer } from "../factories";
import { call, ctx } from "../helpers/route";
import { flashOf } from "../helpers/flash";
import { tableContents } from "../helpers/table-contents";
import { dane, formFields, makeEncounter, outbox } from "./helpers";

// Issue 14, item 14: consent is the person's own. A registration someone else entered (CSV
// import, walk-in at the door) records who entered it and leaves consent pending; the person
// gives it at the first visit to their personal link, before the page shows anything else;
// until then their data copy says so, and organizers see it in the list.

let cookie: string;
let organizerId: number;
beforeAll(async () => {
  const organizer = await makeSignedInOrganizer(getDb(), { role: "admin" });
  cookie = organizer.cookie;
  organizerId = organizer.id;
});

function request(url: string, fields?: Record<string, string | File>, withCookie: string | null = cookie) {
  const headers = withCookie ? { Cookie: withCookie } : undefined;
  if (!fields) return new Request(`http://localhost${url}`, { headers });
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request(`http://localhost${url}`, { method: "POST", body, headers });
}

async function importOne(slug: string, email: string) {
  const url = `/admin/encuentros/${slug}/registros/importar`;
  const file = new File([`nombre;correo;dane;entidad;cargo;telefono\r\nInvitada Importada;${email};11001;Alcaldía;Asesora;\r\n`], "invitados.csv", {
    type: "text/csv",
  });
  const preview = await call(() => importer.action({ request: request(url, { intent: "preview", file }), params: { slug }, context: ctx() }));
  const id = /id=(\d+)$/.exec(preview.headers.get("Location")!)![1];
  await call(() => importer.action({ request: request(url, { intent: "run", id, notify: "on" }), params: { slug }, context: ctx() }));
}

const manageToken = async (email: string) => {
  const mail = (await outbox()).filter((m) => m.recipient === email && JSON.parse(m.data).manageUrl).at(-1);
  return /\/inscripcion\/([A-Za-z0-9_-]{43})$/.exec(JSON.parse(mail!.data).manageUrl)![1];
};
const openPage = (token: string) =>
  call(() => manage.loader({ request: request(`/inscripcion/${token}`, undefined, null), params: { token }, context: ctx("198.51.100.30") }));
const postPage = (token: string, fields: Record<string, string>) =>
  call(() => manage.action({ request: request(`/inscripcion/${token}`, fields, null), params: { token }, context: ctx("198.51.100.30") }));
const dataCopy = async (email: string) =>
  (await call(() => exportRoute.loader({ request: request(`/admin/personas/exportar?email=${encodeURIComponent(email)}`), params: {}, context: {} }))).data;

describe("consent of a person registered by someone else", () => {
  it("records who imported the person and leaves consent pending: the data copy and the organizers' list say so", async () => {
    const encounter = await makeEncounter({ capacity: 10, quota: 5 });
    const email = `importada-${encounter.id}@alcaldia.gov.co`;
    await importOne(encounter.slug, email);
    const reg = await getDb()
      .selectFrom("registrations")
      .innerJoin("participants", "participants.id", "registrations.participant_id")
      .select(["registrations.consent_pending", "registrations.registered_by_organizer_id", "registrations.source"])
      .where("participants.email", "=", email)
      .executeTakeFirstOrThrow();
    expect(reg).toEqual({ consent_pending: 1, registered_by_organizer_id: organizerId, source: "import" });

    const copy = await dataCopy(email);
    expect(copy.registrations).toHaveLength(1);
    expect(copy.registrations[0]).toMatchObject({ consent: "pendiente: la persona aún no la ha dado", consent_at: null });
    expect(copy.registrations[0].registered_by).toMatch(/^organización: .+ \(import\)$/);

    const page = await call(() =>
      list.loader({ request: request(`/admin/encuentros/${encounter.slug}/registros`), params: { slug: encounter.slug }, context: {} }),
    );
    expect(page.data.rows.find((r: { email: string }) => r.email === email)).toMatchObject({ consentPending: true, source: "import" });
  });

  it("a walk-in entered at the door is consent pending too, with the organizer who entered it", async () => {
    const encounter = await makeEncounter({ capacity: 10, quota: 5, startsInDays: 0 });
    const email = `puerta-${encounter.id}@alcaldia.gov.co`;
    const fields = { intent: "walkIn", fullName: "Llegó Sin Inscripción", email, cityDane: dane.cali, entity: "Alcaldía", position: "Asesor", consent: "on" };
    const result = await call(() =>
      checkin.action({ request: request(`/admin/encuentros/${encounter.slug}/acreditacion`, fields), params: { slug: encounter.slug }, context: ctx() }),
    );
    expect(result.data).toMatchObject({ kind: "walkIn", outcome: "done" });
    const reg = await getDb()
      .selectFrom("registrations")
      .innerJoin("participants", "participants.id", "registrations.participant_id")
      .select(["registrations.consent_pending", "registrations.registered_by_organizer_id"])
      .where("participants.email", "=", email)
      .executeTakeFirstOrThrow();
    expect(reg).toEqual({ consent_pending: 1, registered_by_organizer_id: organizerId });
  });

  it("the personal link asks for the person's own consent before showing anything; given, it is the person's", async () => {
    const encounter = await makeEncounter({ capacity: 10, quota: 5 });
    const email = `consiente-${encounter.id}@alcaldia.gov.co`;
    await importOne(encounter.slug, email);
    const token = await manageToken(email);

    const gate = await openPage(token);
    expect(gate.status).toBe(200);
    expect(gate.data).toEqual({
      found: true,
      consentPending: true,
      encounter: { slug: encounter.slug, title: encounter.title },
      source: "import",
      cancellable: true,
    });
    expect(JSON.stringify(gate.data)).not.toContain(email);

    // Nothing else can be done first, and an unticked box is refused with nothing written.
    const before = await tableContents();
    expect((await postPage(token, { intent: "update", fullName: "Otra", entity: "X", position: "Y", locale: "es" })).status).toBe(409);
    expect(await postPage(token, { intent: "consent" })).toMatchObject({ status: 400, data: { status: "error", error: { consent: ["consent"] } } });
    expect(await tableContents()).toEqual(before);
    expect(
      (await getDb().selectFrom("registrations").select("consent_pending").where("encounter_id", "=", encounter.id).executeTakeFirstOrThrow()).consent_pending,
    ).toBe(1);

    const given = await postPage(token, { intent: "consent", consent: "on" });
    expect(given.status).toBe(303);
    expect(given.headers.get("Location")).toBe(`/inscripcion/${token}`);
    expect(await flashOf(given)).toBe(messagesFor("es").registrationHome.consent.given);
    const home = await openPage(token);
    expect(home.data).toMatchObject({ found: true, consentPending: false, registration: { email } });
    const copy = await dataCopy(email);
    expect(copy.registrations[0].consent).toBe("dada por la persona");
    expect(copy.registrations[0].consent_at).toEqual(expect.any(String));
    const audit = await getDb().selectFrom("audit_log").select(["actor", "action"]).where("action", "=", "registration.consent").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toMatch(/^participant:\d+$/);
  });

  it("a person who declines cancels the registration from the same page", async () => {
    const encounter = await makeEncounter({ capacity: 10, quota: 5 });
    const email = `declina-${encounter.id}@alcaldia.gov.co`;
    await importOne(encounter.slug, email);
    const token = await manageToken(email);
    expect((await postPage(token, { intent: "cancel" })).status).toBe(303);
    const status = await getDb()
      .selectFrom("registrations")
      .select(["status", "consent_pending"])
      .where("encounter_id", "=", encounter.id)
      .executeTakeFirstOrThrow();
    expect(status).toEqual({ status: "cancelled", consent_pending: 1 });
  });

  it("a person who registers on the public form gave consent themself: nothing pending", async () => {
    const encounter = await makeEncounter({ capacity: 10, quota: 5 });
    const fields = formFields(`propia-${encounter.id}`);
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    await call(() =>
      form.action({
        request: new Request(`http://localhost/encuentros/${encounter.slug}/registro`, { method: "POST", body }),
        params: { slug: encounter.slug },
        context: ctx("198.51.100.31"),
      }),
    );
    const copy = await dataCopy(fields.email);
    expect(copy.registrations[0]).toMatchObject({ registered_by: "la persona (formulario público)", consent: "dada por la persona" });
    expect((await openPage(await manageToken(fields.email))).data.consentPending).toBe(false);
  });
});
