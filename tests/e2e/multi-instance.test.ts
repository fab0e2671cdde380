import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DB } from "~db/client";
import { migrateToLatest } from "~db/migrate";
import { seedCities } from "~db/seed";
import { enqueueEmail } from "~/features/mail/outbox.server";
import { addDaysTo, localDate } from "~/lib/calendar-date";
import { createTestDatabase, dropTestDatabase } from "../helpers/test-database";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";
import { sampleData } from "../mail/fixtures";
import { postRegistrationForm, startApp, type RunningApp } from "./harness";

// Two instances of the built app on ONE database (a SQLite file both processes open, or with
// TEST_DATABASE_URL one PostgreSQL schema), each with its mail dispatcher and follow-up
// scheduler running, as behind a load balancer. Between them they must keep the promises one
// instance keeps: a burst of registrations split across both never overbooks the encounter or a
// city and loses nobody; every queued mail reaches the SMTP server exactly once; each reminder
// is decided once.
//
// The database is prepared before either starts (migrated, cities, the test's encounter, mail
// and overdue commitments), so both start together and their schedulers' first runs (5 s after
// start) and their dispatchers race for the same rows from the first moment.

const capacity = 20;
const cityQuota = 3;
const people = 120;
const queuedMails = 300;
const overdueCommitments = 40;
const slug = "multi-instancia";

let dir: string;
let databaseUrl: string;
let db: DB;
let sink: SmtpSink;
let apps: RunningApp[] = [];
let cities: Array<{ id: number; dane: string }> = [];

async function prepareSharedDatabase(): Promise<void> {
  await migrateToLatest(db);
  await seedCities(db);
  cities = await db.selectFrom("cities").select(["id", "dane"]).orderBy("dane").execute();
  const starts = new Date(Date.now() + 30 * 86_400_000);
  const encounter = await db
    .insertInto("encounters")
    .values({
      slug,
      title: "Dos instancias, una base de datos",
      starts_at: starts.toISOString(),
      ends_at: new Date(starts.getTime() + 8 * 3_600_000).toISOString(),
      capacity,
      city_quota: cityQuota,
      status: "published",
      contact_email: "organizadora@convoca.test",
      updated_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (let i = 0; i < queuedMails; i++) {
    await enqueueEmail(db, { key: `multi:${i}`, to: `lote.${i}@example.test`, template: "sign-in-link", locale: "es", data: sampleData["sign-in-link"] });
  }
  await recordOverdueCommitments(encounter.id);
}

/** Due three days ago (Bogotá) and recorded long before: each is owed exactly one "overdue" reminder today. */
async function recordOverdueCommitments(encounterId: number): Promise<void> {
  const recorded = new Date(Date.now() - 60 * 86_400_000).toISOString();
  const dueDate = addDaysTo(localDate(new Date(), "America/Bogota"), -3);
  for (let i = 0; i < overdueCommitments; i++) {
    await db
      .insertInto("commitments")
      .values({
        encounter_id: encounterId,
        city_id: cities[i % cities.length].id,
        title: `Compromiso ${i}`,
        instrument: "PISCC",
        theme: "trafficking",
        responsible_name: `Responsable ${i}`,
        responsible_email: `responsable.${i}@example.test`,
        due_date: dueDate,
        created_at: recorded,
        updated_at: recorded,
      })
      .execute();
  }
}

/** The public form's POST, sent as the instance's own page would send it (same-origin Origin). */
function postRegistration(app: RunningApp, i: number): Promise<number> {
  // 12 cities: the quota (3 each, 36 in all) and the capacity (20) are both contended.
  const person = { fullName: `Persona ${i}`, email: `rafaga.${i}@alcaldia.gov.co`, cityDane: cities[i % 12].dane };
  return postRegistrationForm(app, slug, person, { Origin: app.baseUrl });
}

async function until(what: string, check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Sin cumplirse en ${ms / 1000} s: ${what}\n${apps.map((a) => a.output().slice(-2000)).join("\n---\n")}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** claimed_by and runner names are `host:pid:random`: which instance did it. */
function instanceOf(name: string | null): string {
  const pid = Number(name?.split(":")[1]);
  const index = apps.findIndex((a) => a.process.pid === pid);
  return index === 0 ? "A" : index === 1 ? "B" : `otro (${name})`;
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "convoca-multi-"));
  databaseUrl = await createTestDatabase(dir);
  db = createDb(databaseUrl);
  await prepareSharedDatabase();
  sink = await startSmtpSink();
  // A real sending rate, so that neither instance can drain the outbox alone before the other is up.
  const env = { DATABASE_URL: databaseUrl, SMTP_URL: sink.url, MAIL_RATE: "20" };
  apps = await Promise.all([startApp(env), startApp(env)]);
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await db?.destroy();
  await sink?.close();
  if (databaseUrl) await dropTestDatabase(databaseUrl);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("two app instances on one database", () => {
  it("split a registration burst without overbooking, losing anyone or failing a request", { timeout: 120_000 }, async () => {
    const statuses = await Promise.all(Array.from({ length: people }, (_, i) => postRegistration(apps[i % 2], i).catch(() => 0)));
    // The form answers every registration alike, with a page (200): the link goes by mail.
    expect(countBy(statuses, String)).toEqual({ 200: people });

    const encounter = await db.selectFrom("encounters").selectAll().where("slug", "=", slug).executeTakeFirstOrThrow();
    const regs = await db
      .selectFrom("registrations")
      .innerJoin("participants", "participants.id", "registrations.participant_id")
      .select(["registrations.status", "registrations.waitlist_position", "participants.city_id", "participants.email"])
      .where("registrations.encounter_id", "=", encounter.id)
      .orderBy("registrations.id")
      .execute();
    // Nobody lost, nobody twice.
    expect(new Set(regs.map((r) => r.email)).size).toBe(people);
    expect(regs).toHaveLength(people);

    const confirmed = regs.filter((r) => r.status === "confirmed");
    const waitlisted = regs.filter((r) => r.status === "waitlisted");
    expect(confirmed.length + waitlisted.length).toBe(people);
    // Demand (120 people, 12 cities x 3) exceeds the capacity: every place given, none more.
    expect(confirmed).toHaveLength(capacity);
    const perCity = countBy(confirmed, (r) => String(r.city_id));
    expect(Math.max(...Object.values(perCity))).toBeLessThanOrEqual(cityQuota);

    // The counters the conditional UPDATEs guard agree with the rows.
    expect(encounter.confirmed_count).toBe(confirmed.length);
    const places = await db.selectFrom("encounter_city_places").select(["city_id", "confirmed_count"]).where("encounter_id", "=", encounter.id).execute();
    expect(Object.fromEntries(places.filter((p) => p.confirmed_count > 0).map((p) => [String(p.city_id), p.confirmed_count]))).toEqual(perCity);

    // The waiting line: 1..n, each once, and the counter at n.
    const positions = waitlisted.map((r) => r.waitlist_position).sort((a, b) => a! - b!);
    expect(positions).toEqual(Array.from({ length: waitlisted.length }, (_, k) => k + 1));
    expect(encounter.waitlist_seq).toBe(waitlisted.length);

    // One mail each, of the right kind.
    const mails = await db.selectFrom("email_outbox").select("template").where("recipient", "like", "rafaga.%").execute();
    expect(countBy(mails, (m) => m.template)).toEqual({ "registration-confirmed": capacity, "registration-waitlisted": people - capacity });
    console.log(
      `registro: ${confirmed.length} confirmadas, ${waitlisted.length} en espera; por instancia ${JSON.stringify(
        countBy(
          statuses.map((_, i) => (i % 2 ? "B" : "A")),
          String,
        ),
      )}`,
    );
  });

  it("deliver every queued mail exactly once and decide each reminder once, both doing part of the work", { timeout: 180_000 }, async () => {
    const expectedMails = queuedMails + people + overdueCommitments;
    const runners = () => db.selectFrom("follow_up_runners").select(["runner", "last_considered"]).execute();
    await until("both schedulers ran", async () => new Set((await runners()).map((r) => instanceOf(r.runner))).size === 2, 60_000);
    await until(
      `${expectedMails} mails sent`,
      async () => {
        const open = await db.selectFrom("email_outbox").select("id").where("status", "in", ["pending", "sending"]).execute();
        const total = await db
          .selectFrom("email_outbox")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow();
        return open.length === 0 && Number(total.n) === expectedMails;
      },
      120_000,
    );

    const outbox = await db.selectFrom("email_outbox").select(["idempotency_key", "status", "message_id", "claimed_by", "attempts"]).execute();
    expect(outbox).toHaveLength(expectedMails);
    expect(countBy(outbox, (m) => m.status)).toEqual({ sent: expectedMails });
    expect(outbox.filter((m) => m.attempts !== 1)).toEqual([]);

    // At the SMTP server: each outbox row's Message-ID once, and nothing else.
    await sink.waitForMessages(expectedMails, 10_000);
    await new Promise((r) => setTimeout(r, 500)); // a duplicate in flight would land by now
    const received = sink.received.map((m) => m.messageId ?? "(sin Message-ID)");
    const duplicates = received.filter((id, i) => received.indexOf(id) !== i);
    expect(duplicates).toEqual([]);
    expect(received.sort()).toEqual(outbox.map((m) => m.message_id).sort());

    // Each commitment's reminder decided once (the unique key), mailed once, by one scheduler or the other.
    const events = await db.selectFrom("follow_up_events").select(["commitment_id", "key", "rule", "runner"]).execute();
    expect(events).toHaveLength(overdueCommitments);
    expect(new Set(events.map((e) => e.commitment_id)).size).toBe(overdueCommitments);
    expect(events.every((e) => e.rule === "overdue")).toBe(true);
    const reminders = outbox.filter((m) => m.idempotency_key.includes(":overdue:"));
    expect(reminders.map((m) => m.idempotency_key).sort()).toEqual(events.map((e) => e.key).sort());
    for (const r of await runners()) expect(r.last_considered).toBe(overdueCommitments);

    // Both dispatchers sent part of the mail: the two really ran at once.
    const sentBy = countBy(outbox, (m) => instanceOf(m.claimed_by));
    expect(Object.keys(sentBy).sort()).toEqual(["A", "B"]);
    expect(Math.min(sentBy.A, sentBy.B)).toBeGreaterThan(0);
    console.log(
      `correo: ${received.length} entregados, una vez cada uno; enviados por instancia ${JSON.stringify(sentBy)}; recordatorios decididos por ${JSON.stringify(countBy(events, (e) => instanceOf(e.runner)))}`,
    );
  });
});
