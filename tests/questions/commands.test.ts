import { describe, expect, it } from "vitest";
import { writeTransaction } from "~db/write-transaction";
import { parseAnswers } from "~/features/questions/answers";
import {
  addQuestion,
  addStandardSet,
  deleteQuestion,
  moveQuestion,
  saveAnswers,
  setQuestionHidden,
  updateQuestion,
  type QuestionInput,
} from "~/features/questions/commands.server";
import { answersOfRegistration, listQuestions, questionsForForm } from "~/features/questions/queries.server";
import { deletePersonData } from "~/features/people/commands.server";
import { standardSet } from "~/features/questions/standard-set";
import { getDb } from "~/server/db.server";
import { makeAnswer, makeEncounter, makeParticipant, makeQuestion, makeRegistration } from "../factories";

// The commands of a question set (issue 16, item 4): add, edit, reorder, hide, delete (refused
// once answered), the standard set in one step; and answers, kept when the set changes.

const actor = "organizer:1";
const input = (overrides: Partial<QuestionInput> = {}): QuestionInput => ({
  kind: "one_choice",
  required: false,
  wording: { es: "¿Qué entidad representa?", en: "Which agency do you represent?" },
  help: { es: "", en: "" },
  options: [
    { code: null, es: "Alcaldía", en: "City hall" },
    { code: null, es: "Gobernación", en: "Department" },
    { code: null, es: "", en: "" },
  ],
  ...overrides,
});

function form(entries: Array<[string, string]>): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

async function answer(registrationId: number, encounterId: number, entries: Array<[string, string]>) {
  const db = getDb();
  const parsed = parseAnswers(await questionsForForm(db, encounterId), form(entries));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  await writeTransaction(db, (trx) => saveAnswers(trx, registrationId, parsed.value));
}

describe("adding and editing questions", () => {
  it("adds a question at the end, its options coded from their Spanish labels", async () => {
    const db = getDb();
    const encounter = await makeEncounter(db);
    await makeQuestion(db, { encounter_id: encounter.id });
    const added = await addQuestion(db, encounter.id, input(), actor);
    expect(added.ok).toBe(true);
    const [first, second] = await listQuestions(db, encounter.id);
    expect(second).toMatchObject({
      kind: "one_choice",
      position: first.position + 1,
      options: [
        { code: "alcaldia", es: "Alcaldía", en: "City hall" },
        { code: "gobernacion", es: "Gobernación", en: "Department" },
      ],
    });
    const audit = await db.selectFrom("audit_log").select("action").where("entity", "=", "registration_question").execute();
    expect(audit.map((a) => a.action)).toContain("question.add");
  });

  it("refuses a choice with fewer than two options", async () => {
    const encounter = await makeEncounter(getDb());
    expect(await addQuestion(getDb(), encounter.id, input({ options: [{ code: null, es: "Sola", en: "" }] }), actor)).toEqual({
      ok: false,
      refusal: "optionsNeeded",
    });
  });

  it("keeps codes when labels change; refuses to take out a chosen option or change an answered kind", async () => {
    const db = getDb();
    const question = await makeQuestion(db, { kind: "one_choice" });
    await makeAnswer(db, { question_id: question.id, value: "a" });
    const rows = [
      { code: "a", es: "Primera", en: "First" },
      { code: "b", es: "Segunda", en: "" },
    ];
    expect(await updateQuestion(db, question.encounter_id, question.id, input({ options: rows }), actor)).toEqual({ ok: true, id: question.id });
    const [edited] = await listQuestions(db, question.encounter_id);
    expect(edited.options.map((o) => `${o.code}:${o.es}`)).toEqual(["a:Primera", "b:Segunda"]);
    const withoutA = [{ code: "a", es: "", en: "" }, rows[1], { code: null, es: "Tercera", en: "" }];
    expect(await updateQuestion(db, question.encounter_id, question.id, input({ options: withoutA }), actor)).toEqual({
      ok: false,
      refusal: "optionAnswered",
      row: 0,
    });
    expect(await updateQuestion(db, question.encounter_id, question.id, input({ kind: "short_text", options: [] }), actor)).toEqual({
      ok: false,
      refusal: "kindAnswered",
    });
  });
});

describe("the order of the questions", () => {
  it("moves a question up and down; the first cannot go up", async () => {
    const db = getDb();
    const encounter = await makeEncounter(db);
    const [a, b, c] = [
      await makeQuestion(db, { encounter_id: encounter.id }),
      await makeQuestion(db, { encounter_id: encounter.id }),
      await makeQuestion(db, { encounter_id: encounter.id }),
    ];
    expect(await moveQuestion(db, encounter.id, c.id, "up", actor)).toBe(true);
    expect((await listQuestions(db, encounter.id)).map((q) => q.id)).toEqual([a.id, c.id, b.id]);
    expect(await moveQuestion(db, encounter.id, a.id, "down", actor)).toBe(true);
    expect((await listQuestions(db, encounter.id)).map((q) => [q.id, q.position])).toEqual([
      [c.id, 1],
      [a.id, 2],
      [b.id, 3],
    ]);
    expect(await moveQuestion(db, encounter.id, c.id, "up", actor)).toBe(false);
    // Another encounter's question is not this one's to move.
    expect(await moveQuestion(db, (await makeEncounter(db)).id, c.id, "down", actor)).toBeNull();
  });
});

describe("hiding and deleting", () => {
  it("hides a question from the form and keeps its answers; shows it again", async () => {
    const db = getDb();
    const question = await makeQuestion(db);
    const kept = await makeAnswer(db, { question_id: question.id });
    expect(await setQuestionHidden(db, question.encounter_id, question.id, true, actor)).toBe(true);
    expect(await questionsForForm(db, question.encounter_id)).toEqual([]);
    expect((await answersOfRegistration(db, kept.registration_id)).map((a) => a.value)).toEqual(["Respuesta de prueba"]);
    await setQuestionHidden(db, question.encounter_id, question.id, false, actor);
    expect((await questionsForForm(db, question.encounter_id)).map((q) => q.id)).toEqual([question.id]);
  });

  it("refuses to delete a question with answers, saying how many, and deletes one without", async () => {
    const db = getDb();
    const answered = await makeQuestion(db);
    await makeAnswer(db, { question_id: answered.id });
    await makeAnswer(db, { question_id: answered.id });
    expect(await deleteQuestion(db, answered.encounter_id, answered.id, actor)).toEqual({ ok: false, refusal: "hasAnswers", answers: 2 });
    expect((await listQuestions(db, answered.encounter_id)).map((q) => q.id)).toEqual([answered.id]);
    const fresh = await makeQuestion(db, { encounter_id: answered.encounter_id });
    expect(await deleteQuestion(db, answered.encounter_id, fresh.id, actor)).toEqual({ ok: true });
    expect(await deleteQuestion(db, answered.encounter_id, fresh.id, actor)).toBeNull();
  });
});

describe("the standard disaggregation set", () => {
  it("adds its questions in one step, optional, with their codes; a second time adds nothing", async () => {
    const db = getDb();
    const encounter = await makeEncounter(db);
    expect(await addStandardSet(db, encounter.id, actor)).toEqual({ added: standardSet.length });
    const questions = await listQuestions(db, encounter.id);
    expect(questions.map((q) => q.standardCode)).toEqual(standardSet.map((q) => q.code));
    expect(questions.every((q) => !q.required && q.options.at(-1)?.code === "nr")).toBe(true);
    await setQuestionHidden(db, encounter.id, questions[0].id, true, actor);
    expect(await addStandardSet(db, encounter.id, actor)).toEqual({ added: 0 });
  });

  it("keeps its kind and options, and optional, whatever an edit says", async () => {
    const db = getDb();
    const encounter = await makeEncounter(db);
    await addStandardSet(db, encounter.id, actor);
    const [sex] = await listQuestions(db, encounter.id);
    expect(await updateQuestion(db, encounter.id, sex.id, input({ kind: "many_choices" }), actor)).toEqual({ ok: false, refusal: "standardLocked" });
    await updateQuestion(db, encounter.id, sex.id, input({ kind: "one_choice", required: true, wording: { es: "Sexo", en: "Sex" } }), actor);
    const [edited] = await listQuestions(db, encounter.id);
    expect(edited).toMatchObject({ required: false, wording: { es: "Sexo", en: "Sex" }, options: sex.options });
  });
});

describe("answers", () => {
  it("are kept when the question set changes after people answered", async () => {
    const db = getDb();
    const encounter = await makeEncounter(db);
    const entity = await makeQuestion(db, { encounter_id: encounter.id, kind: "one_choice" });
    const note = await makeQuestion(db, { encounter_id: encounter.id });
    const registration = await makeRegistration(db, { encounter_id: encounter.id });
    await answer(registration.id, encounter.id, [
      [`q-${entity.id}`, "b"],
      [`q-${note.id}`, "Llego tarde"],
    ]);
    // The organizers reword, reorder, hide, and add a question afterwards.
    await updateQuestion(
      db,
      encounter.id,
      entity.id,
      input({
        options: [
          { code: "a", es: "A", en: "" },
          { code: "b", es: "B nueva", en: "" },
        ],
      }),
      actor,
    );
    await moveQuestion(db, encounter.id, note.id, "up", actor);
    await setQuestionHidden(db, encounter.id, note.id, true, actor);
    await addQuestion(db, encounter.id, input({ kind: "yes_no", options: [], required: true }), actor);
    expect((await answersOfRegistration(db, registration.id)).map((a) => [a.questionId, a.value])).toEqual([
      [note.id, "Llego tarde"],
      [entity.id, "b"],
    ]);
  });

  it("replace the earlier ones, and a blank answer removes its old one", async () => {
    const db = getDb();
    const encounter = await makeEncounter(db);
    const [a, b] = [await makeQuestion(db, { encounter_id: encounter.id }), await makeQuestion(db, { encounter_id: encounter.id, kind: "number" })];
    const registration = await makeRegistration(db, { encounter_id: encounter.id });
    await answer(registration.id, encounter.id, [
      [`q-${a.id}`, "Primera"],
      [`q-${b.id}`, "3"],
    ]);
    await answer(registration.id, encounter.id, [[`q-${a.id}`, "Segunda"]]);
    expect((await answersOfRegistration(db, registration.id)).map((x) => x.value)).toEqual(["Segunda"]);
  });

  it("sensitive ones: stored only with the separate consent, deleted when it is withdrawn", async () => {
    const db = getDb();
    const encounter = await makeEncounter(db);
    await addStandardSet(db, encounter.id, actor);
    const [sex] = await questionsForForm(db, encounter.id);
    const registration = await makeRegistration(db, { encounter_id: encounter.id });
    const consentAt = async () =>
      (await db.selectFrom("registrations").select("sensitive_consent_at").where("id", "=", registration.id).executeTakeFirstOrThrow()).sensitive_consent_at;

    await answer(registration.id, encounter.id, [[`q-${sex.id}`, "mujer"]]);
    expect(await answersOfRegistration(db, registration.id)).toEqual([]);
    expect(await consentAt()).toBeNull();

    await answer(registration.id, encounter.id, [
      [`q-${sex.id}`, "mujer"],
      ["sensitiveConsent", "on"],
    ]);
    expect(await answersOfRegistration(db, registration.id)).toEqual([{ questionId: sex.id, kind: "one_choice", value: "mujer", sensitive: true }]);
    const given = await consentAt();
    expect(given).not.toBeNull();

    await answer(registration.id, encounter.id, [[`q-${sex.id}`, "mujer"]]);
    expect(await answersOfRegistration(db, registration.id)).toEqual([]);
    expect(await consentAt()).toBeNull();
  });

  it("go with the person's data when it is deleted", async () => {
    const db = getDb();
    const person = await makeParticipant(db, { email: "borrar.respuestas@alcaldia.gov.co" });
    const question = await makeQuestion(db);
    const registration = await makeRegistration(db, { encounter_id: question.encounter_id, participant_id: person.id });
    await makeAnswer(db, { question_id: question.id, registration_id: registration.id, value: "Dato personal" });
    const other = await makeAnswer(db, { question_id: question.id });
    await deletePersonData(db, person.email);
    expect(await answersOfRegistration(db, registration.id)).toEqual([]);
    expect(await answersOfRegistration(db, other.registration_id)).toHaveLength(1);
  });
});
