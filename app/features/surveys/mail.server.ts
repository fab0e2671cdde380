import type { DB } from "~db/client";
import type { Survey } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { enqueueEmails, type EmailRequest } from "~/features/mail/outbox.server";
import { loadEncounterForMail, type MailContext } from "~/features/messages/mail.server";
import { stopMessagesUrl } from "~/features/messages/opt-out.server";
import { listRecipients, type Recipient } from "~/features/messages/queries.server";
import { inLanguage } from "~/features/questions/kinds";
import { mailLine } from "~/features/registrations/commands/mail.server";
import { personalSurveyUrl, surveyPath } from "~/features/surveys/links.server";
import { forThoseWhoCame, invitationDueAt, reminderDueAt } from "~/features/surveys/rules";
import { actorOf, recordAudit } from "~/server/audit.server";

// The surveys' step of the messages scheduler (app/features/messages/scheduler.server.ts, run
// by the background work): after an encounter ends, each survey that asks for it invites the
// people who came, once, and a linked survey reminds once those who did not answer. Who gets it
// is the messages area's rule (listRecipients: consented, did not stop messages, reachable).
// The marker (invited_at, reminded_at) is claimed by a conditional update in the same
// transaction as the mail, and every mail has its own outbox key: two schedulers write nothing
// twice.

type Stage = "invite" | "remind";

/** The people a survey's mail goes to: those who came, or the confirmed before check-in started. */
async function audience(db: DB, encounterId: number): Promise<Recipient[]> {
  const came = await listRecipients(db, encounterId, { statuses: ["attended"], cities: [] });
  return forThoseWhoCame(came.length) ? came : listRecipients(db, encounterId, { statuses: ["confirmed"], cities: [] });
}

async function answeredRegistrations(db: DB, surveyId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom("survey_responses")
    .select("registration_id")
    .where("survey_id", "=", surveyId)
    .where("registration_id", "is not", null)
    .execute();
  return new Set(rows.map((r) => r.registration_id!));
}

function mailOf(
  survey: Survey,
  stage: Stage,
  encounter: Awaited<ReturnType<typeof loadEncounterForMail>>,
  person: Recipient,
  ctx: MailContext,
): EmailRequest<"survey-invitation"> {
  const url =
    survey.mode === "linked"
      ? personalSurveyUrl(ctx.appUrl, encounter.slug, survey.id, person.registration_id, ctx.secret)
      : `${ctx.appUrl}${surveyPath(encounter.slug, survey.id)}`;
  return {
    key: `survey:${survey.id}:${stage}:registration:${person.registration_id}`,
    to: person.email,
    locale: person.locale,
    template: "survey-invitation",
    notBefore: ctx.now,
    data: {
      name: mailLine(person.full_name, person.email),
      encounter: { title: mailLine(encounter.title, "Convoca"), url: `${ctx.appUrl}/encuentros/${encodeURIComponent(encounter.slug)}` },
      survey: mailLine(inLanguage({ es: survey.title_es, en: survey.title_en }, person.locale), "Encuesta"),
      url,
      closesAt: survey.closes_at,
      timezone: encounter.timezone,
      anonymous: survey.mode === "anonymous",
      reminder: stage === "remind",
      stopUrl: stopMessagesUrl({ id: person.participant_id, email: person.email }, { appUrl: ctx.appUrl, secret: ctx.secret }),
    },
  };
}

/** Claims the stage's marker and queues its mail in one transaction; the number of mails written, or null if another took it. */
async function send(db: DB, survey: Survey, stage: Stage, ctx: MailContext): Promise<number | null> {
  const encounter = await loadEncounterForMail(db, survey.encounter_id);
  let people = await audience(db, survey.encounter_id);
  if (stage === "remind") {
    const answered = await answeredRegistrations(db, survey.id);
    people = people.filter((p) => !answered.has(p.registration_id));
  }
  const requests = people.map((p) => mailOf(survey, stage, encounter, p, ctx));
  const at = ctx.now.toISOString();
  return writeTransaction(db, async (trx) => {
    const marker = stage === "invite" ? "invited_at" : "reminded_at";
    const claimed = await trx
      .updateTable("surveys")
      .set({ [marker]: at })
      .where("id", "=", survey.id)
      .where(marker, "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return null;
    const written = requests.length ? (await enqueueEmails(trx, requests)).keys.length : 0;
    await recordAudit(trx, { actor: actorOf.system, action: `survey.${stage}`, entity: "survey", entityId: survey.id, data: { recipients: requests.length } });
    return written;
  });
}

/** Sends the surveys' invitations and reminders due at `now`; the number of mails written. */
export async function runSurveyMail(db: DB, ctx: MailContext): Promise<number> {
  const at = ctx.now.toISOString();
  const candidates = await db
    .selectFrom("surveys")
    .innerJoin("encounters", "encounters.id", "surveys.encounter_id")
    .selectAll("surveys")
    .select("encounters.ends_at as encounter_ends_at")
    .where("encounters.status", "!=", "draft")
    .where("surveys.mail_after_end", "=", 1)
    .where("surveys.closes_at", ">", at)
    .where("encounters.ends_at", "<=", at)
    .where((eb) => eb.or([eb("surveys.invited_at", "is", null), eb("surveys.reminded_at", "is", null)]))
    .execute();
  let mails = 0;
  for (const { encounter_ends_at, ...survey } of candidates) {
    const invite = invitationDueAt(survey, encounter_ends_at);
    if (invite && invite <= at) mails += (await send(db, survey, "invite", ctx)) ?? 0;
    const remind = reminderDueAt(survey);
    if (remind && remind <= at) mails += (await send(db, survey, "remind", ctx)) ?? 0;
  }
  return mails;
}
