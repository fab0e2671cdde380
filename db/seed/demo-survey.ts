import { parseAnswers } from "~/features/questions/answers";
import { fieldName } from "~/features/questions/kinds";
import { createSurvey, saveResponse } from "~/features/surveys/commands.server";
import { surveyForm } from "~/features/surveys/queries.server";
import { sessionPrefix } from "~/features/surveys/rules";
import { wallTimeToUtc } from "~/lib/time";
import type { DB } from "../client";

// The demo survey of bogota-2024, through the app's own commands: linked to the registration,
// open for two weeks after the encounter, its invitation marked as sent, answered by two thirds
// of the people who came (satisfaction, each session, and a few written answers). Answers are
// spread by a fixed rule so that the demo is the same each time.

const zone = "America/Bogota";

const useful = [
  "El taller de la guía para el PDT y el PISCC: salimos con un borrador.",
  "Conocer cómo otras ciudades están atendiendo a víctimas de trata.",
  "La mesa de trabajo con Migración Colombia.",
];
const improve = ["Más tiempo para la mesa de trabajo.", "Enviar la guía antes del encuentro.", ""];

export async function seedDemoSurvey(db: DB, options: { encounterId: number; organizerId: number }): Promise<void> {
  const createdAt = new Date(wallTimeToUtc("2024-02-29", "14:00", zone));
  const created = await createSurvey(
    db,
    options.encounterId,
    {
      title: { es: "Encuesta de satisfacción", en: "Satisfaction survey" },
      intro: { es: "Cuéntenos cómo le pareció el encuentro. Le toma tres minutos.", en: "Tell us what you thought of the convening. It takes three minutes." },
      mode: "linked",
      opensAt: wallTimeToUtc("2024-02-29", "13:00", zone),
      closesAt: wallTimeToUtc("2024-03-14", "23:59", zone),
      mailAfterEnd: true,
      mailDelayHours: 2,
      reminderDays: 3,
    },
    options.organizerId,
    `organizer:${options.organizerId}`,
    createdAt,
  );
  if (!created.ok) throw new Error(`demo survey: ${created.refusal}`);
  const surveyId = created.id;
  await db
    .updateTable("surveys")
    .set({ invited_at: wallTimeToUtc("2024-02-29", "15:30", zone), reminded_at: wallTimeToUtc("2024-03-03", "15:30", zone) })
    .where("id", "=", surveyId)
    .execute();
  const form = await surveyForm(db, { id: surveyId, encounter_id: options.encounterId });
  const came = await db
    .selectFrom("registrations")
    .select(["id", "participant_id"])
    .where("encounter_id", "=", options.encounterId)
    .where("checked_in_at", "is not", null)
    .orderBy("id")
    .execute();
  const [satisfaction, yesNo, mostUseful, toImprove] = form.questions;
  const matrix = form.perSession[0];
  for (const [i, person] of came.entries()) {
    if (i % 3 === 2) continue;
    const body = new FormData();
    body.set(fieldName(satisfaction.id), String([5, 4, 5, 3, 4][i % 5]));
    if (i % 4 !== 3) body.set(fieldName(yesNo.id), i % 5 === 4 ? "no" : "yes");
    if (i % 2 === 0) body.set(fieldName(mostUseful.id), useful[i % useful.length]);
    if (improve[i % improve.length]) body.set(fieldName(toImprove.id), improve[i % improve.length]);
    for (const [j, s] of form.sessions.entries()) if ((i + j) % 4 !== 0) body.set(fieldName(matrix.id, sessionPrefix(s.id)), String(3 + ((i + j) % 3)));
    const main = parseAnswers(form.questions, body, { includeSensitive: false });
    const sessions = form.sessions.map((s) => ({
      agendaItemId: s.id,
      parsed: parseAnswers([{ ...matrix, required: false }], body, { prefix: sessionPrefix(s.id) }),
    }));
    if (!main.ok || sessions.some((s) => !s.parsed.ok)) throw new Error("demo survey: an answer does not parse");
    await saveResponse(
      db,
      surveyId,
      { kind: "registration", registrationId: person.id, participantId: person.participant_id },
      { main: main.value, sessions: sessions.map((s) => ({ agendaItemId: s.agendaItemId, parsed: s.parsed.ok ? s.parsed.value : main.value })) },
      { now: new Date(wallTimeToUtc("2024-03-01", "09:00", zone)) },
    );
  }
}
