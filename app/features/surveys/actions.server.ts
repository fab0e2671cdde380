import type { Survey } from "~db/schema";
import type { DB } from "~db/client";
import { parseWallTime } from "~/features/agenda/forms";
import { createSurvey, updateSurvey, type SurveyInput } from "~/features/surveys/commands.server";
import { surveySchema, type SurveyFields } from "~/features/surveys/forms";
import { parseFields, refuse, refuseField } from "~/server/forms.server";
import { utcToWallTime } from "~/lib/time";

// The survey settings form as the organizers' pages handle it (create on the list, edit on the
// survey's page): parse, turn the wall-clock window into instants, call the command, answer a
// refusal on the field it concerns.

export type SettingsAnswer = { done: true; id: number } | { done: false; response: ReturnType<typeof refuse> };

function inputOf(fields: SurveyFields, opensAt: string, closesAt: string): SurveyInput {
  return {
    title: { es: fields.titleEs, en: fields.titleEn ?? "" },
    intro: { es: fields.introEs ?? "", en: fields.introEn ?? "" },
    mode: fields.mode,
    opensAt,
    closesAt,
    mailAfterEnd: fields.mailAfterEnd,
    mailDelayHours: fields.mailDelayHours,
    reminderDays: fields.reminderDays,
  };
}

export async function submitSurvey(
  db: DB,
  formData: FormData,
  encounter: { id: number; timezone: string },
  survey: Survey | null,
  organizerId: number,
  actor: string,
): Promise<SettingsAnswer> {
  const submission = parseFields(formData, surveySchema);
  if (submission.status !== "success") return { done: false, response: refuse(submission) };
  const f = submission.value;
  const opens = parseWallTime(f.opensDate, f.opensTime, encounter.timezone);
  if (!opens.ok) return { done: false, response: refuseField(submission, opens.part === "date" ? "opensDate" : "opensTime", opens.error) };
  const closes = parseWallTime(f.closesDate, f.closesTime, encounter.timezone);
  if (!closes.ok) return { done: false, response: refuseField(submission, closes.part === "date" ? "closesDate" : "closesTime", closes.error) };
  const input = inputOf(f, opens.instant, closes.instant);
  const outcome = survey ? await updateSurvey(db, survey, input, actor) : await createSurvey(db, encounter.id, input, organizerId, actor);
  if (!outcome.ok)
    return { done: false, response: refuseField(submission, outcome.refusal === "modeAnswered" ? "mode" : "closesDate", outcome.refusal, { status: 409 }) };
  return { done: true, id: outcome.id };
}

/** The form's initial values: a survey's, or for a new one the day after the encounter ends, for a week. */
export function settingsDefaults(survey: Survey | null, encounter: { ends_at: string; timezone: string; title: string }) {
  const opens = survey ? utcToWallTime(survey.opens_at, encounter.timezone) : utcToWallTime(encounter.ends_at, encounter.timezone);
  const closes = survey
    ? utcToWallTime(survey.closes_at, encounter.timezone)
    : utcToWallTime(new Date(new Date(encounter.ends_at).getTime() + 14 * 86_400_000).toISOString(), encounter.timezone);
  return {
    titleEs: survey?.title_es ?? "Encuesta de satisfacción",
    titleEn: survey?.title_en ?? "Satisfaction survey",
    introEs: survey?.intro_es ?? "",
    introEn: survey?.intro_en ?? "",
    mode: survey?.mode ?? "linked",
    opensDate: opens.date,
    opensTime: opens.time,
    closesDate: closes.date,
    closesTime: closes.time,
    mailAfterEnd: (survey ? survey.mail_after_end === 1 : true) ? "on" : undefined,
    mailDelayHours: String(survey?.mail_delay_hours ?? 2),
    reminderDays: String(survey?.reminder_days ?? 3),
  };
}
