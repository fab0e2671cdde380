import { spawn } from "node:child_process";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DB } from "~db/client";
import { copyDatabase, copyTables, CopyRefused, tablesOf } from "~db/copy";
import { migrateToLatest } from "~db/migrate";
import { prepareDatabase } from "~/server/startup.server";
import { getEnv } from "~/server/env.server";
import { updateProgress } from "~/features/commitments/commands/progress.server";
import {
  makeAnswer,
  makeBogotaDay,
  makeCommitment,
  makeDownload,
  makeInvitation,
  makeMaterial,
  makeOrganizer,
  makeParticipant,
  makeQuestion,
  makeRegistration,
  makeRosterEntry,
} from "../factories";
import { createTestDatabase, dropTestDatabase, testDialect } from "../helpers/test-database";

// The source is always a SQLite file with data of every kind (what a deployment moving to
// PostgreSQL starts from), made by the factories; the target is a PostgreSQL schema under
// TEST_DATABASE_URL, another SQLite file otherwise.

const dir = getEnv().dataDir;
const now = "2026-12-01T10:00:00.000Z";
const dropAfter: string[] = [];
const opened: DB[] = [];
let sourceFile: string;
let source: DB;

async function freshTarget(name: string): Promise<string> {
  if (testDialect === "sqlite") return path.join(dir, `${name}.db`);
  const url = await createTestDatabase(dir);
  dropAfter.push(url);
  return url;
}

function open(url: string): DB {
  const db = createDb(url);
  opened.push(db);
  return db;
}

// What an encounter gathers: the day of 29 February 2024 with its agenda and speakers; people of
// twelve cities registered (more rows than a few batches, places kept for each city), every third
// of them came and speaks for their city, four took the guide; and a commitment with a history.
async function fillSource(db: DB): Promise<void> {
  const organizer = await makeOrganizer(db, { role: "admin" });
  const { encounter } = await makeBogotaDay(db, { slug: "bogota-2024", capacity: 120, city_quota: 5 });
  const guide = await makeMaterial(db, { encounter_id: encounter.id, created_by: organizer.id });
  const cities = await db.selectFrom("cities").select("dane").orderBy("dane").limit(12).execute();
  for (const [i, { dane }] of cities.entries()) {
    const participant = await makeParticipant(db, { cityDane: dane });
    const came = i % 3 === 0;
    await makeRegistration(db, { encounter_id: encounter.id, participant_id: participant.id, checked_in_at: came ? encounter.starts_at : null });
    if (came) await makeRosterEntry(db, { participant_id: participant.id, verified_via: "check_in", verified_at: encounter.starts_at });
    if (i < 4) await makeDownload(db, { material_version_id: guide.version.id, participant_id: participant.id });
  }
  const question = await makeQuestion(db, { encounter_id: encounter.id, kind: "one_choice" });
  const answering = await db.selectFrom("registrations").select("id").where("encounter_id", "=", encounter.id).orderBy("id").executeTakeFirstOrThrow();
  await makeAnswer(db, { question_id: question.id, registration_id: answering.id, value: "a" });
  const commitment = await makeCommitment(db, { encounter_id: encounter.id });
  const progress = { status: "in_progress" as const, progress: 40, note: "Avance", evidenceUrl: null };
  await updateProgress(db, commitment.id, progress, { kind: "organizer", id: organizer.id, name: organizer.name });
}

// The data above leaves these tables empty; a row in each makes the copy prove itself on all of them.
async function fillEmptyTables(db: DB): Promise<void> {
  const encounter = await db.selectFrom("encounters").select("id").where("slug", "=", "bogota-2024").executeTakeFirstOrThrow();
  const item = await db.selectFrom("agenda_items").select("id").where("encounter_id", "=", encounter.id).executeTakeFirstOrThrow();
  const organizer = await db.selectFrom("organizers").select("id").executeTakeFirstOrThrow();
  const registration = await db.selectFrom("registrations").select("id").executeTakeFirstOrThrow();
  const commitment = await db.selectFrom("commitments").select("id").executeTakeFirstOrThrow();
  await db
    .insertInto("sessions")
    .values({ id: "a".repeat(64), organizer_id: organizer.id, expires_at: now })
    .execute();
  await db
    .insertInto("login_tokens")
    .values({ token_hash: "b".repeat(64), email: "ana@ejemplo.gov.co", expires_at: now })
    .execute();
  await db.insertInto("rate_limits").values({ key: "login:127.0.0.1", window_started_at: now, hits: 3 }).execute();
  await db.insertInto("public_versions").values({ scope: "public", version: 7, changed_at: now }).execute();
  const notification = await db
    .insertInto("agenda_notifications")
    .values({ encounter_id: encounter.id, organizer_id: organizer.id, recipients: 12, changes: 1 })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("agenda_changes")
    .values({
      encounter_id: encounter.id,
      agenda_item_id: item.id,
      action: "updated",
      before: '{"title":"Antes"}',
      notification_id: notification.id,
      notified_at: now,
    })
    .execute();
  await db.insertInto("registration_imports").values({ encounter_id: encounter.id, file_name: "invitados.csv", rows: "[]", refused: "[]", total: 0 }).execute();
  await db.insertInto("certificates").values({ registration_id: registration.id, code: "CERT-0001" }).execute();
  await db
    .insertInto("certificate_settings")
    .values({ encounter_id: encounter.id, text_es: "Con el programa «ñ»", show_hours: 0, updated_by: organizer.id })
    .execute();
  await db
    .insertInto("certificate_logos")
    .values({
      encounter_id: encounter.id,
      institution: "Asocapitales",
      file_key: "k".repeat(24),
      content_type: "image/png",
      width: 400,
      height: 120,
      size: 1234,
    })
    .execute();
  await db.insertInto("certificate_signatories").values({ encounter_id: encounter.id, name: "Luz Marina Ospina", title: "Directora" }).execute();
  await db.insertInto("encounter_minutes").values({ encounter_id: encounter.id, body: "## Acuerdos\n\n- uno", published_at: now, notified_at: now }).execute();
  await db.insertInto("session_minutes").values({ encounter_id: encounter.id, agenda_item_id: item.id, body: "Sesión" }).execute();
  const registrant = await db.selectFrom("registrations").select("participant_id").where("id", "=", registration.id).executeTakeFirstOrThrow();
  await db
    .insertInto("profile_change_requests")
    .values({
      participant_id: registrant.participant_id,
      registration_id: registration.id,
      changes: '{"fullName":{"from":"Ana","to":"Ana Peña"}}',
      token_hash: "c".repeat(64),
      expires_at: now,
    })
    .execute();
  await db.insertInto("follow_up_plans").values({ encounter_id: encounter.id, updated_at: now, updated_by: organizer.id }).execute();
  await db
    .insertInto("follow_up_events")
    .values({ key: "due-7:1", commitment_id: commitment.id, rule: "due-7", occurs_on: "2026-12-01", outcome: "queued" })
    .execute();
  await db.insertInto("follow_up_runners").values({ runner: "web", last_run_at: now }).execute();
  const outbox = await db
    .insertInto("email_outbox")
    .values({ idempotency_key: "copia:1", recipient: "ana@ejemplo.gov.co", template: "reminder", next_attempt_at: now, status: "sent", sent_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("email_outbox_bodies")
    .values({
      outbox_id: outbox.id,
      html: "<p>Señora Peña: “compromiso” ✓ — 100 %</p>",
      text: "Señora Peña:\n\t“compromiso” ✓ 'comillas' \\ fin",
      rendered_at: now,
    })
    .execute();
  const survey = await db
    .insertInto("surveys")
    .values({ encounter_id: encounter.id, title_es: "Encuesta «ñ»", mode: "linked", opens_at: now, closes_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  const surveyQuestion = await db
    .insertInto("survey_questions")
    .values({ survey_id: survey.id, kind: "scale", wording_es: "¿Qué tal?" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const response = await db
    .insertInto("survey_responses")
    .values({ survey_id: survey.id, registration_id: registration.id })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("survey_answers").values({ response_id: response.id, question_id: surveyQuestion.id, value: "5" }).execute();
  await db.insertInto("audit_log").values({ actor: "test", action: "copy.seed", entity: "x", data: '{"ñ":1}' }).execute();
  const city = await db.selectFrom("cities").select("id").executeTakeFirstOrThrow();
  await db
    .insertInto("city_email_domains")
    .values({ city_id: city.id, domain: "alcaldía-ñ.gov.co", added_by_organizer_id: organizer.id, added_at: now })
    .execute();
  const message = await db
    .insertInto("messages")
    .values({
      encounter_id: encounter.id,
      subject: "Gracias por venir",
      body: "Gracias.\n\n“Hasta pronto”",
      segment: '{"statuses":["attended"],"cities":[]}',
      status: "sent",
      sent_at: now,
      recipients: 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("message_deliveries")
    .values({ message_id: message.id, registration_id: registration.id, outbox_key: `message:${message.id}:1` })
    .execute();
  await db
    .insertInto("encounter_reminder_settings")
    .values({ encounter_id: encounter.id, days_before: "[7,1]", send_time: "08:00", what_to_bring: "Cédula", updated_by: organizer.id })
    .execute();
  await makeInvitation(db, { encounter_id: encounter.id, status: "declined", decline_reason: "Sin presupuesto de viaje" });
  const participant = await db.selectFrom("participants").select("id").executeTakeFirstOrThrow();
  await db
    .insertInto("official_mails")
    .values({
      participant_id: participant.id,
      commitment_id: commitment.id,
      recipient: "peña@ejemplo.gov.co",
      kind: "pending_notice",
      status: "held",
      created_at: now,
    })
    .execute();
}

async function rowsOf(db: Kysely<any>, table: string, key: readonly string[]): Promise<unknown[]> {
  const rows = await db.selectFrom(table).selectAll().execute();
  // Sorted here rather than by ORDER BY: the two engines may collate text keys differently.
  const keyOf = (row: Record<string, unknown>) => JSON.stringify(key.map((k) => row[k]));
  return rows.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

async function countsOf(db: DB): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tablesOf(db)) {
    counts[table] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0].n);
  }
  return counts;
}

function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "app/cli/db-copy.ts", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, output })));
}

beforeAll(async () => {
  sourceFile = path.join(dir, "source.db");
  source = open(sourceFile);
  await prepareDatabase(source, { ...getEnv(), seedDemo: false });
  await fillSource(source);
  await fillEmptyTables(source);
});

afterAll(async () => {
  await Promise.all(opened.map((db) => db.destroy()));
  for (const url of dropAfter) await dropTestDatabase(url);
});

describe(`db:copy (SQLite → ${testDialect})`, () => {
  it("lists every table of the migrated schema, each after the tables its foreign keys point to", async () => {
    const order: string[] = copyTables.map((t) => t.table);
    expect([...(await tablesOf(source))].sort()).toEqual([...order].sort());
    for (const [i, table] of order.entries()) {
      const parents = await sql<{ parent: string }>`select "table" as parent from pragma_foreign_key_list(${table})`.execute(source);
      for (const { parent } of parents.rows) {
        expect(parent, `${table} se refiere a sí misma: la copia tendría que diferir esa clave`).not.toBe(table);
        expect(order.indexOf(parent), `${table} → ${parent}`).toBeGreaterThanOrEqual(0);
        expect(order.indexOf(parent), `${parent} debe copiarse antes que ${table}`).toBeLessThan(i);
      }
    }
  });

  let target: DB;

  it("copies every row of every table, ids and content unchanged", async () => {
    target = open(await freshTarget("target"));
    const batchSize = 5;
    const counts = await copyDatabase(source, target, { batchSize });

    const sourceCounts = await countsOf(source);
    expect(Object.fromEntries(counts.map((c) => [c.table, c.rows]))).toEqual(sourceCounts);
    for (const [table, rows] of Object.entries(sourceCounts)) expect(rows, table).toBeGreaterThan(0);
    // Several batches for a table with one key column and one with two, so keyset paging is exercised.
    expect(sourceCounts.registrations).toBeGreaterThan(2 * batchSize);
    expect(sourceCounts.encounter_city_places).toBeGreaterThan(2 * batchSize);

    for (const { table, key } of copyTables) expect(await rowsOf(target, table, key), table).toEqual(await rowsOf(source, table, key));

    const encounter = await target.selectFrom("encounters").selectAll().where("slug", "=", "bogota-2024").executeTakeFirstOrThrow();
    const agenda = await target
      .selectFrom("agenda_items")
      .select(["id", "title", "starts_at"])
      .where("encounter_id", "=", encounter.id)
      .orderBy("id")
      .execute();
    expect(agenda.length).toBeGreaterThan(3);
    expect(agenda).toEqual(
      await source.selectFrom("agenda_items").select(["id", "title", "starts_at"]).where("encounter_id", "=", encounter.id).orderBy("id").execute(),
    );

    const history = await source
      .selectFrom("commitment_updates")
      .select("commitment_id")
      .groupBy("commitment_id")
      .having(sql`count(*)`, ">", 1)
      .executeTakeFirstOrThrow();
    const historyOf = (db: DB) => db.selectFrom("commitment_updates").selectAll().where("commitment_id", "=", history.commitment_id).orderBy("id").execute();
    expect((await historyOf(target)).length).toBeGreaterThan(1);
    expect(await historyOf(target)).toEqual(await historyOf(source));

    const body = await target
      .selectFrom("email_outbox_bodies")
      .innerJoin("email_outbox", "email_outbox.id", "email_outbox_bodies.outbox_id")
      .select(["text", "html"])
      .where("idempotency_key", "=", "copia:1")
      .executeTakeFirstOrThrow();
    expect(body.text).toBe("Señora Peña:\n\t“compromiso” ✓ 'comillas' \\ fin");
    expect(body.html).toBe("<p>Señora Peña: “compromiso” ✓ — 100 %</p>");
  });

  it("leaves the target numbering new rows after the copied ones", async () => {
    for (const table of ["audit_log", "speakers", "encounters"] as const) {
      const { max } = await target
        .selectFrom(table)
        .select((eb) => eb.fn.max("id").as("max"))
        .executeTakeFirstOrThrow();
      const row =
        table === "audit_log"
          ? await target.insertInto("audit_log").values({ actor: "test", action: "after.copy", entity: "x" }).returning("id").executeTakeFirstOrThrow()
          : table === "speakers"
            ? await target.insertInto("speakers").values({ name: "Nueva ponente" }).returning("id").executeTakeFirstOrThrow()
            : await target
                .insertInto("encounters")
                .values({ slug: "nuevo", title: "Nuevo", starts_at: now, ends_at: now, capacity: 10, city_quota: 2, updated_at: now })
                .returning("id")
                .executeTakeFirstOrThrow();
      expect(row.id, table).toBeGreaterThan(Number(max));
    }
  });

  it("refuses to copy into a target that has rows, and writes nothing", async () => {
    const before = await countsOf(target);
    await expect(copyDatabase(source, target)).rejects.toThrow(CopyRefused);
    await expect(copyDatabase(source, target)).rejects.toThrow(/El destino no está vacío \(tiene filas en .*\bcities\b/);
    expect(await countsOf(target)).toEqual(before);
  });

  it("refuses a source at another migration level, naming the migration, before touching the target", async () => {
    const behind = open(path.join(dir, "behind.db"));
    await migrateToLatest(behind);
    await behind
      .deleteFrom("kysely_migration" as never)
      .where("name" as never, "=", "2026_11_29_07_certificates" as never)
      .execute();
    const untouched = open(await freshTarget("untouched"));
    await expect(copyDatabase(behind, untouched)).rejects.toThrow(/Al origen le faltan migraciones: 2026_11_29_07_certificates/);
    expect(await tablesOf(untouched)).toEqual([]);
  });

  it("undoes the whole copy when a table fails halfway", async () => {
    const broken = open(path.join(dir, "broken.db"));
    await prepareDatabase(broken, { ...getEnv(), seedDemo: false });
    // A row whose encounter does not exist, as an old SQLite file without foreign keys could hold.
    await sql`pragma foreign_keys = off`.execute(broken);
    await broken
      .insertInto("agenda_items")
      .values({ encounter_id: 999, starts_at: now, ends_at: now, title: "Huérfano", kind: "panel", position: 1 })
      .execute();
    const target = open(await freshTarget("rolled-back"));
    await expect(copyDatabase(broken, target)).rejects.toThrow(/Falló la copia de la tabla agenda_items/);
    const counts = await countsOf(target);
    expect(Object.keys(counts).length).toBe(copyTables.length);
    // cities went in before agenda_items failed; the rollback took them out again.
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  });

  it("runs from the command line, and keeps a URL's password out of what it prints", async () => {
    const to = await freshTarget("cli-target");
    const ok = await runCli(["--from", sourceFile, "--to", to]);
    expect(ok.output).toMatch(/registrations\s+\d+/);
    expect(ok.output).toContain("Copia terminada");
    expect(ok.code).toBe(0);

    const refused = await runCli(["--from", sourceFile, "--to", "postgres://convoca:s3creto-X@127.0.0.1:1/convoca"]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("Error:");
    expect(refused.output).toContain("****");
    expect(refused.output).not.toContain("s3creto");
  });
});
