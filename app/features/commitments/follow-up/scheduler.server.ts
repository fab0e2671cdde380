import { startPeriodic, type StopPeriodic } from "~/server/periodic.server";
import { randomBytes } from "node:crypto";
import os from "node:os";
import type { Kysely } from "kysely";
import type { DB } from "~db/client";
import type { Database, Locale } from "~db/schema";
import { plansByEncounter } from "~/features/commitments/queries/follow-up.server";
import { daysBetween, localDate, localDayAndHour } from "~/lib/calendar-date";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { defaultPlan, dueOccurrences, occurrenceKey, openStatuses, schedulerDay, type Occurrence } from "~/features/commitments/follow-up/rules";
import { enqueueEmails, type EmailRequest, type TemplateName } from "~/features/mail/outbox.server";
import { isValidRecipient } from "~/features/mail/rules";
import { followUpUrls } from "~/features/commitments/links.server";
import { mailCommitment } from "~/features/commitments/rules";
import { focalPointsOfCities, type FocalPoint } from "~/features/cities/queries.server";

// The follow-up scheduler: finds which reminders are due and writes them to the outbox.
//
// - Each decision is a row in follow_up_events under the key `commitment:<id>:<rule>:<date>`
//   (unique), written in the same transaction as its mail(s); the responsible official's mail
//   has that same key in the outbox. Whoever inserts the row first sends; a second scheduler
//   running at the same time (another process, another server) finds the key taken and writes
//   nothing, so each reminder is written once.
// - Only the latest rule that applies on each track is considered (see follow-up-rules), so
//   after downtime a commitment gets one reminder with today's figures, not a burst.
// - `now` is a parameter: tests move the clock; nothing here reads the time itself.

export interface FollowUpOptions {
  appUrl?: string;
  secret?: string;
  /** Names this process in follow_up_events and follow_up_runners. */
  runner?: string;
  /** Decisions written per transaction. */
  batchSize?: number;
  /**
   * Runs after the due reminders were looked up and before any is written: the two-scheduler
   * test holds both runs there, so that they always race for the same keys.
   */
  beforeWrite?: () => Promise<void>;
}

export interface FollowUpResult {
  /** Open commitments looked at. */
  considered: number;
  /** Occurrences due today that had not been decided before this run. */
  due: number;
  /** Decisions this run wrote (the others were taken by another scheduler meanwhile). */
  written: number;
  /** Of those, decided but without any mail (no valid address). */
  skipped: number;
  /** Mails written to the outbox. */
  mails: number;
  keys: string[];
  ms: number;
  /** Milliseconds per phase: reading, deciding, looking up decided keys, writing. */
  phases: { load: number; decide: number; lookup: number; write: number };
}

// Rows per INSERT of decisions: 8 parameters each, under both engines' cap on one statement's.
const eventsPerInsert = 250;

const defaultRunner = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

interface Candidate {
  row: OpenRow;
  occurrence: Occurrence;
  key: string;
  today: string;
}

function openCommitments(db: DB) {
  return (
    db
      .selectFrom("commitments")
      .innerJoin("encounters", "encounters.id", "commitments.encounter_id")
      .innerJoin("cities", "cities.id", "commitments.city_id")
      .leftJoin("participants", "participants.email", "commitments.responsible_email")
      .select([
        "commitments.id",
        "commitments.encounter_id",
        "commitments.city_id",
        "commitments.title",
        "commitments.description",
        "commitments.instrument",
        "commitments.status",
        "commitments.progress",
        "commitments.due_date",
        "commitments.responsible_name",
        "commitments.responsible_email",
        "commitments.reminders_stopped_at",
        "commitments.created_at",
        "encounters.slug as encounter_slug",
        "encounters.title as encounter_title",
        "encounters.timezone as encounter_timezone",
        "encounters.contact_email as encounter_contact",
        "cities.name as city_name",
        "participants.locale as responsible_locale",
      ])
      .where("commitments.status", "in", [...openStatuses])
      // A responsible an official named and no organizer confirmed yet gets no reminders (nor
      // does anyone else about that commitment) until confirmed: Convoca is nobody's spam relay.
      .where("commitments.responsible_pending_at", "is", null)
      // A draft encounter is not announced yet: its commitments get mail once it is published.
      .where("encounters.status", "!=", "draft")
      .orderBy("commitments.id")
      .execute()
  );
}
type OpenRow = Awaited<ReturnType<typeof openCommitments>>[number];

type Mail = { [T in TemplateName]: EmailRequest<T> }[TemplateName];

function mailsFor(
  candidate: Candidate,
  organizers: Array<{ id: number; name: string; email: string }>,
  focalPoints: Map<number, FocalPoint[]>,
  options: Required<Pick<FollowUpOptions, "appUrl" | "secret">>,
  now: Date,
): Mail[] {
  const { row, occurrence, key, today } = candidate;
  const encounter = { title: row.encounter_title, url: `${options.appUrl}/encuentros/${row.encounter_slug}` };
  const commitment = mailCommitment({ ...row, city_name: row.city_name });
  const daysOverdue = Math.max(1, daysBetween(row.due_date, today));
  if (occurrence.track === "escalation") {
    const url = `${options.appUrl}/compromisos/${row.id}`;
    const adminUrl = `${options.appUrl}/admin/compromisos/${row.id}`;
    const people: Array<{ suffix: string; name: string; email: string; url: string; locale: Locale }> = [];
    // The city's focal points on its roster, each in their own language.
    for (const f of focalPoints.get(row.city_id) ?? [])
      people.push({ suffix: `focal-${f.participantId}`, name: f.fullName, email: f.email, url, locale: f.locale });
    if (row.encounter_contact) people.push({ suffix: "contact", name: row.encounter_title, email: row.encounter_contact, url: adminUrl, locale: "es" });
    else for (const o of organizers) people.push({ suffix: `organizer-${o.id}`, name: o.name, email: o.email, url: adminUrl, locale: "es" });
    const seen = new Set<string>();
    return people
      .filter((p) => isValidRecipient(p.email) && !seen.has(p.email.toLowerCase()) && seen.add(p.email.toLowerCase()))
      .map((p) => ({
        key: `${key}:${p.suffix}`,
        to: p.email,
        template: "commitment-escalation" as const,
        locale: p.locale,
        data: {
          name: p.name,
          encounter,
          commitment,
          daysOverdue,
          responsibleName: row.responsible_name,
          responsibleEmail: isValidRecipient(row.responsible_email) ? row.responsible_email : undefined,
          url: p.url,
        },
      }));
  }
  if (!isValidRecipient(row.responsible_email)) return [];
  const { updateUrl, stopUrl } = followUpUrls(row, { ...options, now });
  const base = { key, to: row.responsible_email, locale: (row.responsible_locale ?? "es") as Locale };
  const common = { name: row.responsible_name, encounter, commitment, updateUrl, stopUrl };
  if (occurrence.rule.startsWith("before-")) {
    return [{ ...base, template: "commitment-reminder" as const, data: { ...common, daysLeft: Math.max(0, daysBetween(today, row.due_date)) } }];
  }
  return [{ ...base, template: "commitment-overdue" as const, data: { ...common, daysOverdue } }];
}

/** Decides and writes the reminders due at `now`. Safe to run concurrently with itself. */
export async function runFollowUp(db: DB, now: Date, options: FollowUpOptions = {}): Promise<FollowUpResult> {
  const started = performance.now();
  const env = getEnv();
  const links = { appUrl: options.appUrl ?? env.appUrl, secret: options.secret ?? env.sessionSecret };
  const runner = options.runner ?? defaultRunner;
  const batchSize = options.batchSize ?? 1000;

  const [plans, rows] = await Promise.all([plansByEncounter(db), openCommitments(db)]);
  const loaded = performance.now();
  const clocks = new Map<string, { day: string; hour: number }>();
  const clock = (zone: string) => {
    let c = clocks.get(zone);
    if (!c) clocks.set(zone, (c = localDayAndHour(now, zone)));
    return c;
  };

  const candidates: Candidate[] = [];
  for (const row of rows) {
    const plan = plans.get(row.encounter_id) ?? defaultPlan;
    if (!plan.enabled) continue;
    const { day, hour } = clock(row.encounter_timezone);
    const subject = {
      status: row.status,
      dueDate: row.due_date,
      createdOn: localDate(row.created_at, row.encounter_timezone),
      remindersStopped: row.reminders_stopped_at !== null,
    };
    for (const occurrence of dueOccurrences(plan, subject, schedulerDay(day, hour, plan.sendHour))) {
      candidates.push({ row, occurrence, key: occurrenceKey(row.id, occurrence), today: day });
    }
  }

  const decidedAt = performance.now();
  // Most runs find every due key decided already: one indexed lookup per 500 keys.
  const decided = new Set<string>();
  for (let i = 0; i < candidates.length; i += 500) {
    const keys = candidates.slice(i, i + 500).map((c) => c.key);
    const found = await db.selectFrom("follow_up_events").select("key").where("key", "in", keys).execute();
    for (const f of found) decided.add(f.key);
  }
  const pending = candidates.filter((c) => !decided.has(c.key));

  const lookedUp = performance.now();
  const result: FollowUpResult = {
    considered: rows.length,
    due: pending.length,
    written: 0,
    skipped: 0,
    mails: 0,
    keys: [],
    ms: 0,
    phases: { load: Math.round(loaded - started), decide: Math.round(decidedAt - loaded), lookup: Math.round(lookedUp - decidedAt), write: 0 },
  };
  const escalating = pending.filter((c) => c.occurrence.track === "escalation");
  const organizers =
    escalating.length > 0 ? await db.selectFrom("organizers").select(["id", "name", "email"]).where("disabled_at", "is", null).orderBy("id").execute() : [];
  const focalPoints = await focalPointsOfCities(
    db,
    escalating.map((c) => c.row.city_id),
  );

  // Each batch is one transaction of two multi-row inserts: the decisions, then the mails of
  // those this run won (RETURNING says which keys were free; a key another scheduler took
  // meanwhile is skipped with its mails, so each reminder is still written once).
  await options.beforeWrite?.();
  for (let i = 0; i < pending.length; i += batchSize) {
    const batch = pending.slice(i, i + batchSize).map((candidate) => ({ candidate, mails: mailsFor(candidate, organizers, focalPoints, links, now) }));
    await db.transaction().execute(async (tx) => {
      const trx = tx as unknown as Kysely<Database>;
      const won = new Set<string>();
      for (let j = 0; j < batch.length; j += eventsPerInsert) {
        const inserted = await trx
          .insertInto("follow_up_events")
          .values(
            batch.slice(j, j + eventsPerInsert).map(({ candidate, mails }) => ({
              key: candidate.key,
              commitment_id: candidate.row.id,
              rule: candidate.occurrence.rule,
              occurs_on: candidate.occurrence.on,
              outcome: mails.length > 0 ? "queued" : "skipped",
              recipients: mails.length,
              detail: mails.length > 0 ? null : "sin destinatario válido",
              runner,
            })),
          )
          .onConflict((oc) => oc.column("key").doNothing())
          .returning("key")
          .execute();
        for (const row of inserted) won.add(row.key);
      }
      const mails: EmailRequest<TemplateName>[] = [];
      for (const { candidate, mails: its } of batch) {
        if (!won.has(candidate.key)) continue;
        result.written += 1;
        result.keys.push(candidate.key);
        if (its.length === 0) result.skipped += 1;
        mails.push(...(its as EmailRequest<TemplateName>[]));
      }
      result.mails += (await enqueueEmails(trx, mails)).keys.length;
    });
  }

  result.phases.write = Math.round(performance.now() - lookedUp);
  result.ms = Math.round(performance.now() - started);
  const beat = { last_run_at: now.toISOString(), last_considered: result.considered, last_written: result.written, last_error: null };
  await db
    .insertInto("follow_up_runners")
    .values({ runner, ...beat })
    .onConflict((oc) => oc.column("runner").doUpdateSet(beat))
    .execute();
  return result;
}

export type StopFollowUpScheduler = StopPeriodic;

/**
 * Runs the scheduler once a minute (the first run a few seconds after start) until stopped. One
 * per process; a second call returns the first one's stop function. Resolving stop() means the
 * run in flight has finished.
 */
export function startFollowUpScheduler(
  options: FollowUpOptions & { intervalMs?: number; firstRunMs?: number; db?: DB; log?: (message: string) => void } = {},
): StopFollowUpScheduler {
  const log = options.log ?? ((message: string) => console.warn(`[seguimiento] ${message}`));
  return startPeriodic(
    "convoca.followUpScheduler",
    async () => {
      const result = await runFollowUp(options.db ?? getDb(), new Date(), options);
      if (result.written > 0) log(`${result.written} recordatorios decididos, ${result.mails} correos en la bandeja de salida (${result.ms} ms)`);
    },
    {
      intervalMs: options.intervalMs ?? 60_000,
      firstRunMs: options.firstRunMs ?? 5_000,
      onError: (error) => log(`error del programador de seguimiento: ${String(error)}`),
    },
  );
}
