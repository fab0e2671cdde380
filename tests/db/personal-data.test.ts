import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyByOrganizer } from "~/features/cities/commands.server";
import { setFocalPoint } from "~/features/cities/members.server";
import { updateProgress } from "~/features/commitments/commands/progress.server";
import { createMessage, scheduleMessage } from "~/features/messages/commands.server";
import { runMessages } from "~/features/messages/scheduler.server";
import * as exportRoute from "~/routes/admin.personas.exportar";
import * as people from "~/routes/admin.personas";
import * as signIn from "~/routes/ingresar._index";
import * as requestLink from "~/routes/ingresar.enlace._index";
import * as registrationForm from "~/routes/encuentros.$slug.registro";
import { getDb } from "~/server/db.server";
import { passwordKeys } from "~/server/password-limits.server";
import { hit, storedRateKey } from "~/server/rate-limit.server";
import { dialectOf } from "~db/client";
import { personalData, type PersonalDataRule } from "~db/personal-data";
import { magicLinkMailRule } from "~/server/magic-link.server";
import { record, writeResponsibleUpdate } from "../commitments/helpers";
import { addStandardSet } from "~/features/questions/commands.server";
import { makeEncounter, makeInvitation, makeMaterial, makeOrganizer, makeQuestion, makeSurvey, makeSurveyQuestion } from "../factories";
import { saveResponse } from "~/features/surveys/commands.server";
import { formRequest, getRequest, organizerCookie, participantCookie } from "../helpers/auth";
import { call, ctx } from "../helpers/route";

// Issue 14, item 13 (Ley 1581): every column of the live schema is classified in
// db/personal-data.ts; a person's data put everywhere it can be is all in their data copy, and
// none of it is left anywhere after their deletion. Rate-limit counters hold keyed hashes and expire.

async function liveColumns(): Promise<Map<string, string[]>> {
  const db = getDb();
  const rows =
    dialectOf(db) === "postgres"
      ? (
          await sql<{ table: string; column: string }>`
            select c.table_name as "table", c.column_name as "column" from information_schema.columns c
            join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
            where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.table_name not like 'kysely%'`.execute(db)
        ).rows
      : (
          await sql<{ table: string; column: string }>`
            select m.name as "table", p.name as "column" from sqlite_master m join pragma_table_info(m.name) p
            where m.type = 'table' and m.name not like 'sqlite_%' and m.name not like 'kysely_%'`.execute(db)
        ).rows;
  const columns = new Map<string, string[]>();
  for (const { table, column } of rows) columns.set(table, [...(columns.get(table) ?? []), column]);
  return columns;
}

const rules = personalData as unknown as Record<string, Record<string, PersonalDataRule>>;

describe("every table and column is classified (db/personal-data.ts)", () => {
  it("classifies each column of the live schema, and nothing that is not there", async () => {
    const live = await liveColumns();
    const unclassified: string[] = [];
    for (const [table, columns] of live) for (const column of columns) if (!rules[table]?.[column]) unclassified.push(`${table}.${column}`);
    expect(unclassified, "classify these in db/personal-data.ts (personal data: how deletion and the data copy cover it)").toEqual([]);
    const stale: string[] = [];
    for (const [table, columns] of Object.entries(rules))
      for (const column of Object.keys(columns)) if (!live.get(table)?.includes(column)) stale.push(`${table}.${column}`);
    expect(stale, "classified in db/personal-data.ts but not in the database").toEqual([]);
  });

  it("says for each personal column where the data copy shows it, or why not", () => {
    for (const [table, columns] of Object.entries(rules)) {
      for (const [column, rule] of Object.entries(columns)) {
        if (rule.kind === "erased" || rule.kind === "kept")
          expect(rule.copy, `${table}.${column}`).toMatch(/^(not in the copy: .{10,}|[a-zA-Z]+(\[\])?(\.[a-zA-Z_]+)?)$/);
        if (rule.kind === "elsewhere") expect(rule.why.length, `${table}.${column}`).toBeGreaterThan(10);
      }
    }
  });
});

// One person, with data put in every place a name, an address, a phone or their words can be.
const person = {
  email: "ximena.marcadora@alcaldia.gov.co",
  fullName: "Ximena Marcadora Quintero",
  phone: "+57 311 555 0199",
  position: "Cargo Marcador Único",
  needs: "Necesidad marcadora: intérprete",
  answer: "Respuesta marcadora a una pregunta de inscripción",
};
const markers = Object.values(person);
let participantId = 0;
let organizer = "";
let copy: Record<string, unknown> = {};

async function allRows(): Promise<Map<string, Array<Record<string, unknown>>>> {
  const db = getDb();
  const tables = new Map<string, Array<Record<string, unknown>>>();
  for (const table of (await liveColumns()).keys()) tables.set(table, (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows);
  return tables;
}

const holdsPerson = (value: unknown) => (typeof value === "string" ? markers.some((m) => value.includes(m)) : value === participantId);

beforeAll(async () => {
  const db = getDb();
  // An admin, an encounter open for registration, and a material to download.
  organizer = await organizerCookie((await makeOrganizer(db, { role: "admin" })).email);
  const seguimiento = await makeEncounter(db, { slug: "seguimiento" });
  // The encounter asks a question of its own and the disaggregation set (sensitive answers).
  const question = await makeQuestion(db, { encounter_id: seguimiento.id });
  await addStandardSet(db, seguimiento.id, "system");
  const sex = await db
    .selectFrom("registration_questions")
    .select("id")
    .where("encounter_id", "=", seguimiento.id)
    .where("standard_code", "=", "sex")
    .executeTakeFirstOrThrow();
  await makeMaterial(db);
  // Registration through the public form (participant, registration, mail, audit).
  const registered = await call(() =>
    registrationForm.action({
      request: formRequest("/encuentros/seguimiento/registro", {
        fullName: person.fullName,
        email: person.email,
        cityDane: "76001",
        entity: "Alcaldía de Cali",
        position: person.position,
        phone: person.phone,
        needs: person.needs,
        consent: "on",
        [`q-${question.id}`]: person.answer,
        [`q-${sex.id}`]: "mujer",
        sensitiveConsent: "on",
      }),
      params: { slug: "seguimiento" },
      context: ctx("203.0.113.150"),
    }),
  );
  expect(registered.status).toBe(200);
  // A linked survey of the encounter, answered by the person in their own words.
  const survey = await makeSurvey(db, { encounter_id: seguimiento.id });
  const said = await makeSurveyQuestion(db, { survey_id: survey.id, kind: "long_text" });
  const surveyed = await db
    .selectFrom("registrations")
    .innerJoin("participants", "participants.id", "registrations.participant_id")
    .select(["registrations.id", "registrations.participant_id"])
    .where("participants.email", "=", person.email)
    .executeTakeFirstOrThrow();
  await saveResponse(
    db,
    survey.id,
    { kind: "registration", registrationId: surveyed.id, participantId: surveyed.participant_id },
    {
      main: { asked: [said.id], answers: [{ questionId: said.id, kind: "long_text", value: `Soy ${person.fullName}` }], sensitiveConsent: null },
      sessions: [],
    },
  );
  // The same address typed again with another position: a data change waiting for its owner.
  await call(() =>
    registrationForm.action({
      request: formRequest("/encuentros/seguimiento/registro", {
        fullName: person.fullName,
        email: person.email,
        cityDane: "76001",
        entity: "Alcaldía de Cali",
        position: "Otro cargo",
        consent: "on",
      }),
      params: { slug: "seguimiento" },
      context: ctx("203.0.113.152"),
    }),
  );
  participantId = (await db.selectFrom("participants").select("id").where("email", "=", person.email).executeTakeFirstOrThrow()).id;
  // A sign-in link (login token, mail) and a session.
  expect(
    (await call(() => requestLink.action({ request: formRequest("/ingresar/enlace", { email: person.email }), params: {}, context: ctx("203.0.113.151") })))
      .status,
  ).toBe(200);
  await participantCookie(participantId);
  // Verified by an organizer for their city (the city roster).
  const admin = await db.selectFrom("organizers").select("id").orderBy("id").executeTakeFirstOrThrow();
  await verifyByOrganizer(db, participantId, admin.id);
  // The city's focal point (enlace), on its roster.
  const rosterRow = await db
    .selectFrom("city_roster")
    .select(["id", "city_id"])
    .where("participant_id", "=", participantId)
    .where("withdrawn_at", "is", null)
    .executeTakeFirstOrThrow();
  expect((await setFocalPoint(db, admin.id, { cityId: rosterRow.city_id, rosterId: rosterRow.id, focal: true })).ok).toBe(true);
  // A commitment the person recorded, one they answer for, and an update they wrote on a
  // commitment someone else recorded for their city.
  const actor = {
    kind: "participant" as const,
    id: participantId,
    name: person.fullName,
    cityId: (await db.selectFrom("cities").select("id").where("dane", "=", "76001").executeTakeFirstOrThrow()).id,
  };
  await record({ dane: "76001", actor });
  const answersFor = await record({
    dane: "76001",
    fields: { responsibleName: person.fullName, responsiblePosition: person.position, responsibleEmail: person.email },
  });
  const othersCommitment = await record({ dane: "76001" });
  await updateProgress(db, othersCommitment, { status: "in_progress", progress: 40, note: "Avance de la mesa" } as never, actor, {
    now: new Date("2025-02-01T15:00:00.000Z"),
  });
  await writeResponsibleUpdate(answersFor, { name: person.fullName, email: person.email });
  // A mail about a commitment sent to their address.
  await db
    .insertInto("official_mails")
    .values({ participant_id: participantId, commitment_id: answersFor, recipient: person.email, kind: "details", status: "sent" })
    .execute();
  // An invitation of their city addressed to them at an address an organizer typed, which they
  // answered for the city (issue 16).
  await makeInvitation(db, {
    encounter_id: seguimiento.id,
    cityDane: "76001",
    focal_point_id: participantId,
    typed_email: person.email,
    status: "declined",
    decline_reason: "Sin presupuesto de viaje",
  });
  // A download.
  const version = await db.selectFrom("material_versions").select("id").orderBy("id").executeTakeFirstOrThrow();
  await db.insertInto("downloads").values({ material_version_id: version.id, participant_id: participantId, via: "page" }).execute();
  // A list an organizer imported with the person in it.
  const encounter = await db.selectFrom("encounters").select("id").where("slug", "=", "seguimiento").executeTakeFirstOrThrow();
  // A message from the organizers that reached them (message_deliveries).
  const message = await createMessage(db, admin.id, encounter.id, {
    subject: "Mensaje a los inscritos",
    body: "Texto",
    segment: { statuses: ["confirmed"], cities: [] },
  });
  await scheduleMessage(db, admin.id, encounter.id, message.id, new Date());
  expect((await runMessages(db, new Date())).sent).toEqual([message.id]);
  const row = JSON.stringify([{ email: person.email, fullName: person.fullName, phone: person.phone, position: person.position }]);
  await db
    .insertInto("registration_imports")
    .values({ encounter_id: encounter.id, file_name: "invitados.csv", rows: row, refused: row, results: row, total: 1 })
    .execute();
  // Rendered mail: to the person, and to someone else that names them.
  const own = await db.selectFrom("email_outbox").select("id").where("recipient", "=", person.email).orderBy("id").executeTakeFirstOrThrow();
  await db
    .insertInto("email_outbox_bodies")
    .values({ outbox_id: own.id, html: `<p>Hola, ${person.fullName}</p>`, text: `Hola, ${person.fullName}`, rendered_at: new Date().toISOString() })
    .execute();
  const other = await db
    .insertInto("email_outbox")
    .values({
      idempotency_key: "prueba:otra",
      recipient: "enlace@cali.gov.co",
      template: "commitment-escalation",
      data: JSON.stringify({ responsible: person.fullName, email: person.email }),
      subject: `Aviso sobre ${person.fullName}`,
      next_attempt_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("email_outbox_bodies")
    .values({
      outbox_id: other.id,
      html: `<p>${person.fullName} (${person.email})</p>`,
      text: `${person.fullName} (${person.email})`,
      rendered_at: new Date().toISOString(),
    })
    .execute();
});

function resolve(value: unknown, path: string): unknown[] {
  const [head, ...rest] = path.split(".");
  const key = head.replace(/\[\]$/, "");
  const here = (value as Record<string, unknown> | null)?.[key];
  const items = head.endsWith("[]") ? (Array.isArray(here) ? here : []) : here === undefined ? [] : [here];
  return rest.length ? items.flatMap((item) => resolve(item, rest.join("."))) : items;
}

describe("one person's data, everywhere it is kept", () => {
  it("reaches every column that names or reaches a person (extend the seed above for a new one)", async () => {
    const tables = await allRows();
    const unseeded: string[] = [];
    for (const [table, columns] of Object.entries(rules)) {
      for (const [column, rule] of Object.entries(columns)) {
        if (rule.kind === "erased" && !(tables.get(table) ?? []).some((row) => holdsPerson(row[column]))) unseeded.push(`${table}.${column}`);
      }
    }
    expect(unseeded).toEqual([]);
  });

  it("is all in the data copy, the updates the person wrote on other commitments included", async () => {
    const r = await call(() =>
      exportRoute.loader({ request: getRequest(`/admin/personas/exportar?email=${person.email}`, organizer), params: {}, context: {} }),
    );
    expect(r.status).toBe(200);
    copy = r.data;
    const missing: string[] = [];
    for (const [table, columns] of Object.entries(rules)) {
      for (const [column, rule] of Object.entries(columns)) {
        if ((rule.kind !== "erased" && rule.kind !== "kept") || rule.copy.startsWith("not in the copy")) continue;
        const found = resolve(copy, rule.copy);
        if (!found.length || (rule.kind === "erased" && !found.some((v) => v !== null && v !== ""))) missing.push(`${table}.${column} → ${rule.copy}`);
      }
    }
    expect(missing).toEqual([]);
    // The sensitive answers too, marked as such.
    expect(copy.answers).toEqual(expect.arrayContaining([expect.objectContaining({ question: "Sexo al nacer", answer: "mujer", sensitive: true })]));
    const updates = copy.updatesWritten as Array<{ author_kind: string; note: string; commitment: string }>;
    expect(updates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ author_kind: "participant", note: "Avance de la mesa" }),
        expect.objectContaining({ author_kind: "responsible" }),
      ]),
    );
  });

  it("is gone from every table after the deletion, the updates they wrote on other commitments included", async () => {
    const r = await call(() =>
      people.action({
        request: formRequest("/admin/personas", { email: person.email, confirm: person.email }, { cookie: organizer }),
        params: {},
        context: {},
      }),
    );
    expect(r.data.deleted).toBe(true);
    const left: string[] = [];
    for (const [table, rows] of await allRows()) {
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value === "string" && markers.some((m) => value.includes(m))) left.push(`${table}.${column}: ${value.slice(0, 80)}`);
          if (value === participantId && rules[table]?.[column]?.kind === "erased") left.push(`${table}.${column} = ${value}`);
        }
      }
    }
    expect(left).toEqual([]);
    // No answer of theirs is left, sensitive or not.
    const answers = await getDb()
      .selectFrom("registration_answers")
      .innerJoin("registrations", "registrations.id", "registration_answers.registration_id")
      .select("registration_answers.id")
      .where("registrations.participant_id", "=", participantId)
      .execute();
    expect(answers).toEqual([]);
    // The history stays: what happened, not who.
    const updates = await getDb().selectFrom("commitment_updates").select(["author_name", "note"]).where("author_participant_id", "=", participantId).execute();
    expect(updates.map((u) => u.author_name)).toEqual(updates.map(() => "Persona eliminada"));
    expect(updates.map((u) => u.note)).toContain("Avance de la mesa");
  });
});

describe("rate-limit counters (Ley 1581: no addresses kept in clear, nothing kept forever)", () => {
  it("keep keyed hashes of what they count, never an email or a client address, each with its expiry", async () => {
    const email = "contadora@alcaldia.gov.co";
    const ip = "203.0.113.177";
    await call(() => signIn.action({ request: formRequest("/ingresar", { email, password: "equivocada" }), params: {}, context: ctx(ip) }));
    await call(() => requestLink.action({ request: formRequest("/ingresar/enlace", { email }), params: {}, context: ctx(ip) }));
    const rows = await getDb().selectFrom("rate_limits").selectAll().execute();
    const text = JSON.stringify(rows);
    expect(text).not.toContain(email);
    expect(text).not.toContain(ip);
    const keys = rows.map((r) => r.key);
    for (const key of [passwordKeys.client(ip), passwordKeys.account(email), passwordKeys.accountClient(email, ip), `magic-mail:${email}`])
      expect(keys).toContain(storedRateKey(key));
    for (const row of rows) expect(row.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const row of rows) expect(new Date(row.expires_at!).getTime()).toBeGreaterThan(Date.now());
  });

  it("are purged once their window is over", async () => {
    const db = getDb();
    const longAgo = new Date(Date.now() - 3 * 60 * 60_000);
    await hit(db, "magic-mail:antigua@alcaldia.gov.co", magicLinkMailRule, longAgo);
    expect(await db.selectFrom("rate_limits").select("key").where("key", "=", storedRateKey("magic-mail:antigua@alcaldia.gov.co")).execute()).toHaveLength(1);
    // Any new window purges the windows that ended.
    await hit(db, "magic-mail:nueva@alcaldia.gov.co", magicLinkMailRule);
    expect(await db.selectFrom("rate_limits").select("key").where("key", "=", storedRateKey("magic-mail:antigua@alcaldia.gov.co")).execute()).toHaveLength(0);
    const expired = await db.selectFrom("rate_limits").select("key").where("expires_at", "<=", new Date().toISOString()).execute();
    expect(expired).toEqual([]);
  });
});
