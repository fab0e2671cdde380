import { describe, expect, it } from "vitest";
import { parseAnswers } from "~/features/questions/answers";
import { addQuestion, deleteQuestion } from "~/features/questions/commands.server";
import { fieldName } from "~/features/questions/kinds";
import { listQuestions } from "~/features/questions/queries.server";
import { surveySet } from "~/features/questions/sets.server";
import { deletePersonData } from "~/features/people/commands.server";
import { createSurvey, saveResponse, type SurveyAnswers } from "~/features/surveys/commands.server";
import { findResponse, surveyForm } from "~/features/surveys/queries.server";
import { surveyResults } from "~/features/surveys/results.server";
import { sessionPrefix } from "~/features/surveys/rules";
import { runMessages } from "~/features/messages/scheduler.server";
import { getDb } from "~/server/db.server";
import { makeAgendaItem, makeEncounter, makeParticipant, makeRegistration, makeSurvey, makeSurveyQuestion } from "../factories";

// Surveys' commands (issue 18, section 1): a new survey starts with the starter questions and
// edits them with the questions area's commands; a respondent answers once and a second save
// edits; a closed survey refuses; an anonymous survey counts new answers per client; deletion
// of a person reaches their linked answers; the mail after the encounter goes once, and its
// one reminder only to those who did not answer.

const words = { yes: "Sí", no: "No", scale: { 1: "1", 2: "2", 3: "3", 4: "4", 5: "5" } };

function answersFrom(form: Awaited<ReturnType<typeof surveyForm>>, entries: Array<[string, string]>): SurveyAnswers {
  const body = new FormData();
  for (const [k, v] of entries) body.append(k, v);
  const main = parseAnswers(form.questions, body);
  if (!main.ok) throw new Error(JSON.stringify(main.errors));
  return {
    main: main.value,
    sessions: form.sessions.map((s) => {
      const parsed = parseAnswers(
        form.perSession.map((q) => ({ ...q, required: false })),
        body,
        { prefix: sessionPrefix(s.id) },
      );
      if (!parsed.ok) throw new Error("session");
      return { agendaItemId: s.id, parsed: parsed.value };
    }),
  };
}

const input = (opensAt: string, closesAt: string, mode: "linked" | "anonymous" = "linked") => ({
  title: { es: "Encuesta", en: "" },
  intro: { es: "", en: "" },
  mode,
  opensAt,
  closesAt,
  mailAfterEnd: true,
  mailDelayHours: 2,
  reminderDays: 3,
});

describe("a survey's questions", () => {
  it("start with the starter set (a matrix of the sessions among them) and follow the questions area's rules", async () => {
    const db = getDb();
    const encounter = await makeEncounter(db);
    await makeAgendaItem(db, { encounter_id: encounter.id, title: "Panel" });
    await makeAgendaItem(db, { encounter_id: encounter.id, title: "Receso", kind: "break" });
    const created = await createSurvey(db, encounter.id, input("2030-01-01T00:00:00.000Z", "2030-02-01T00:00:00.000Z"), null, "organizer:1");
    expect(created.ok).toBe(true);
    const id = created.ok ? created.id : 0;
    const questions = await listQuestions(db, surveySet(id));
    expect(questions.map((q) => [q.kind, q.perSession === true])).toEqual([
      ["scale", false],
      ["scale", true],
      ["yes_no", false],
      ["long_text", false],
      ["long_text", false],
    ]);
    // The matrix asks about the sessions, not the breaks.
    expect((await surveyForm(db, { id, encounter_id: encounter.id })).sessions.map((s) => s.title)).toEqual(["Panel"]);
    const added = await addQuestion(
      db,
      surveySet(id),
      { kind: "scale", required: false, perSession: true, wording: { es: "Ponentes", en: "" }, help: { es: "", en: "" }, options: [] },
      "organizer:1",
    );
    expect(added.ok).toBe(true);
    expect((await listQuestions(db, surveySet(id))).at(-1)).toMatchObject({ kind: "scale", perSession: true });
    // A closing before the opening is refused.
    expect(await createSurvey(db, encounter.id, input("2030-02-01T00:00:00.000Z", "2030-01-01T00:00:00.000Z"), null, "organizer:1")).toEqual({
      ok: false,
      refusal: "closesBeforeOpening",
    });
  });
});

describe("answering", () => {
  it("keeps one response per person: a second save edits it; after closing it is refused with the date", async () => {
    const db = getDb();
    const survey = await makeSurvey(db);
    const scale = await makeSurveyQuestion(db, { survey_id: survey.id, required: 1 });
    const matrix = await makeSurveyQuestion(db, { survey_id: survey.id, per_session: 1 });
    const item = await makeAgendaItem(db, { encounter_id: survey.encounter_id });
    const registration = await makeRegistration(db, { encounter_id: survey.encounter_id });
    const who = { kind: "registration" as const, registrationId: registration.id, participantId: registration.participant_id };
    const form = await surveyForm(db, survey);
    const first = await saveResponse(
      db,
      survey.id,
      who,
      answersFrom(form, [
        [fieldName(scale.id), "4"],
        [fieldName(matrix.id, sessionPrefix(item.id)), "5"],
      ]),
    );
    expect(first).toMatchObject({ ok: true, created: true });
    const second = await saveResponse(db, survey.id, who, answersFrom(form, [[fieldName(scale.id), "2"]]));
    expect(second).toMatchObject({ ok: true, created: false });
    expect(await db.selectFrom("survey_responses").select("id").where("survey_id", "=", survey.id).execute()).toHaveLength(1);
    expect((await findResponse(db, survey.id, who))?.values).toEqual({ [fieldName(scale.id)]: "2" });
    const results = await surveyResults(db, survey, "es", words);
    expect(results.responses).toBe(1);
    expect(results.questions[0]).toMatchObject({ kind: "counted", bars: [0, 1, 0, 0, 0].map((value, i) => ({ label: String(i + 1), value })), mean: 2 });
    // A question with answers is not deleted.
    expect(await deleteQuestion(db, surveySet(survey.id), scale.id, "organizer:1")).toMatchObject({ ok: false, refusal: "hasAnswers" });

    const late = new Date(new Date(survey.closes_at).getTime() + 1000);
    expect(await saveResponse(db, survey.id, who, answersFrom(form, [[fieldName(scale.id), "5"]]), { now: late })).toEqual({
      ok: false,
      refusal: "closed",
      closedAt: survey.closes_at,
    });
    expect((await findResponse(db, survey.id, who))?.values).toEqual({ [fieldName(scale.id)]: "2" });
  });

  it("counts an anonymous survey's new answers per client address, not its edits", async () => {
    const db = getDb();
    const survey = await makeSurvey(db, { mode: "anonymous" });
    const scale = await makeSurveyQuestion(db, { survey_id: survey.id });
    const form = await surveyForm(db, survey);
    const answers = answersFrom(form, [[fieldName(scale.id), "3"]]);
    const outcomes = [];
    for (let i = 0; i < 151; i++)
      outcomes.push(await saveResponse(db, survey.id, { kind: "browser", key: `navegador-${i}` }, answers, { clientKey: "10.0.0.1" }));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(150);
    expect(outcomes.at(-1)).toMatchObject({ ok: false, refusal: "rateLimited" });
    // An edit from a browser that answered still goes through.
    expect(await saveResponse(db, survey.id, { kind: "browser", key: "navegador-0" }, answers, { clientKey: "10.0.0.1" })).toMatchObject({
      ok: true,
      created: false,
    });
    // Another client address is not limited by the first.
    expect(await saveResponse(db, survey.id, { kind: "browser", key: "otro" }, answers, { clientKey: "10.0.0.2" })).toMatchObject({ ok: true, created: true });
  });

  it("forgets a person's linked answers when their data is deleted", async () => {
    const db = getDb();
    const survey = await makeSurvey(db);
    const text = await makeSurveyQuestion(db, { survey_id: survey.id, kind: "long_text" });
    const participant = await makeParticipant(db);
    const registration = await makeRegistration(db, { encounter_id: survey.encounter_id, participant_id: participant.id });
    const form = await surveyForm(db, survey);
    await saveResponse(
      db,
      survey.id,
      { kind: "registration", registrationId: registration.id, participantId: participant.id },
      answersFrom(form, [[fieldName(text.id), "Soy Ana, de la Secretaría"]]),
    );
    await deletePersonData(db, participant.email);
    expect(await db.selectFrom("survey_responses").select("id").where("survey_id", "=", survey.id).execute()).toEqual([]);
    expect(await db.selectFrom("survey_answers").select("id").where("question_id", "=", text.id).execute()).toEqual([]);
  });
});

describe("the mail after the encounter", () => {
  it("invites the people who came once, and reminds once those who did not answer", async () => {
    const db = getDb();
    const endsAt = "2031-05-10T22:00:00.000Z";
    const encounter = await makeEncounter(db, { status: "published", starts_at: "2031-05-10T13:00:00.000Z", ends_at: endsAt });
    const survey = await makeSurvey(db, { encounter_id: encounter.id, opens_at: "2031-05-10T13:00:00.000Z", closes_at: "2031-05-30T00:00:00.000Z" });
    const scale = await makeSurveyQuestion(db, { survey_id: survey.id });
    const came = await Promise.all([0, 1].map(() => makeRegistration(db, { encounter_id: encounter.id, checked_in_at: "2031-05-10T13:05:00.000Z" })));
    await makeRegistration(db, { encounter_id: encounter.id });
    const keys = async () =>
      (await db.selectFrom("email_outbox").select("idempotency_key").where("idempotency_key", "like", `survey:${survey.id}:%`).execute())
        .map((r) => r.idempotency_key)
        .sort();
    const run = (at: string) => runMessages(db, new Date(at), { appUrl: "http://convoca.test", secret: "s".repeat(32) });
    expect((await run("2031-05-10T23:59:00.000Z")).surveyMails).toBe(0);
    expect((await run("2031-05-11T00:00:00.000Z")).surveyMails).toBe(2);
    expect((await run("2031-05-11T01:00:00.000Z")).surveyMails).toBe(0);
    expect(await keys()).toEqual(came.map((r) => `survey:${survey.id}:invite:registration:${r.id}`).sort());
    const form = await surveyForm(db, survey);
    await saveResponse(
      db,
      survey.id,
      { kind: "registration", registrationId: came[0].id, participantId: came[0].participant_id },
      answersFrom(form, [[fieldName(scale.id), "5"]]),
      {
        now: new Date("2031-05-12T00:00:00.000Z"),
      },
    );
    expect((await run("2031-05-14T00:00:00.000Z")).surveyMails).toBe(1);
    expect((await run("2031-05-20T00:00:00.000Z")).surveyMails).toBe(0);
    expect(await keys()).toContain(`survey:${survey.id}:remind:registration:${came[1].id}`);
    expect(await keys()).not.toContain(`survey:${survey.id}:remind:registration:${came[0].id}`);
  });
});
