import { beforeAll, describe, expect, it } from "vitest";
import { addStandardSet } from "~/features/questions/commands.server";
import { answersOfRegistration, listQuestions } from "~/features/questions/queries.server";
import { messagesFor } from "~/i18n/catalog.server";
import * as editPage from "~/routes/admin.encuentros.$slug.preguntas.$id";
import * as listPage from "~/routes/admin.encuentros.$slug.preguntas._index";
import * as form from "~/routes/encuentros.$slug.registro";
import * as manage from "~/routes/inscripcion.$token";
import { getDb } from "~/server/db.server";
import { makeAnswer, makeEncounter, makeOrganizer, makeQuestion } from "../factories";
import { getRequest, organizerCookie } from "../helpers/auth";
import { renderAfterPost, renderPage } from "../helpers/rendered-page";
import { call, ctx } from "../helpers/route";
import { tableContents } from "../helpers/table-contents";

// The routes of registration questions (issue 16, item 4): the public form asks them and keeps
// the answers with the registration; the person changes them on their page until registration
// closes; organizers build the set. Refusals are 4xx with the reason, and write nothing.

const es = messagesFor("es").questions;
let ip = 0;
const client = () => ctx(`203.0.113.${++ip}`);

function post(url: string, entries: Array<[string, string]>, cookie?: string): Request {
  const body = new FormData();
  for (const [k, v] of entries) body.append(k, v);
  return new Request(`http://localhost${url}`, { method: "POST", body, headers: cookie ? { Cookie: cookie } : {} });
}

const personFields = (n: string): Array<[string, string]> => [
  ["fullName", `Persona ${n}`],
  ["email", `persona.${n}@alcaldia.gov.co`],
  ["cityDane", "11001"],
  ["entity", "Secretaría de Gobierno"],
  ["position", "Profesional"],
  ["consent", "on"],
];

async function register(slug: string, entries: Array<[string, string]>) {
  return call(() => form.action({ request: post(`/encuentros/${slug}/registro`, entries), params: { slug }, context: client() }));
}

async function registrationOf(email: string) {
  return getDb()
    .selectFrom("registrations")
    .innerJoin("participants", "participants.id", "registrations.participant_id")
    .select(["registrations.id", "registrations.sensitive_consent_at"])
    .where("participants.email", "=", email)
    .executeTakeFirst();
}

async function tokenMailedTo(email: string): Promise<string> {
  const mail = await getDb().selectFrom("email_outbox").select("data").where("recipient", "=", email).orderBy("id", "desc").executeTakeFirstOrThrow();
  return /\/inscripcion\/([A-Za-z0-9_-]{43})$/.exec(String(JSON.parse(mail.data).manageUrl))![1];
}

/** An open encounter asking: an optional number, a required choice, several choices; and the standard set. */
async function encounterWithQuestions() {
  const db = getDb();
  const encounter = await makeEncounter(db);
  const number = await makeQuestion(db, { encounter_id: encounter.id, kind: "number", wording_es: "Años en el cargo", wording_en: "Years in the position" });
  const choice = await makeQuestion(db, { encounter_id: encounter.id, kind: "one_choice", required: 1, wording_es: "Tipo de entidad" });
  const many = await makeQuestion(db, { encounter_id: encounter.id, kind: "many_choices" });
  const hidden = await makeQuestion(db, { encounter_id: encounter.id, hidden: 1, wording_es: "Pregunta retirada" });
  await addStandardSet(db, encounter.id, "system");
  const sex = (await listQuestions(db, encounter.id)).find((q) => q.standardCode === "sex")!;
  return { encounter, number, choice, many, hidden, sex };
}

describe("the public registration form", () => {
  it("asks the visible questions, in the reader's language", async () => {
    const { encounter, number, hidden } = await encounterWithQuestions();
    const page = await call(() =>
      form.loader({
        request: getRequest(`/encuentros/${encounter.slug}/registro`, undefined, { "Accept-Language": "en" }),
        params: { slug: encounter.slug },
        context: {},
      }),
    );
    const questions = page.data.questions as Array<{ id: number; label: string; sensitive: boolean }>;
    expect(questions.find((q) => q.id === number.id)?.label).toBe("Years in the position");
    expect(questions.some((q) => q.id === hidden.id)).toBe(false);
    expect(questions.filter((q) => q.sensitive)).toHaveLength(8);
  });

  it("refuses a wrong kind, a missing required answer and an option not in the list: 400, each with its message, nothing written", async () => {
    const { encounter, number, choice, many } = await encounterWithQuestions();
    const before = await tableContents();
    const entries: Array<[string, string]> = [...personFields("refusada"), [`q-${number.id}`, "muchos"], [`q-${many.id}`, "z"]];
    const refused = await register(encounter.slug, entries);
    expect(refused.status).toBe(400);
    expect(refused.data.answers.errors).toEqual({ [`q-${number.id}`]: ["number"], [`q-${choice.id}`]: ["required"], [`q-${many.id}`]: ["notAnOption"] });
    expect(await tableContents()).toEqual(before);

    const html = await renderAfterPost(form, "/encuentros/:slug/registro", post(`/encuentros/${encounter.slug}/registro`, entries));
    for (const text of [es.errors.number, es.errors.required, es.errors.notAnOption]) expect(html).toContain(text.replace(/'/g, "&#x27;"));
    expect(html).toContain(`href="#field-q-${choice.id}"`);
    // What was typed comes back.
    expect(html).toMatch(new RegExp(`name="q-${number.id}"[^>]*value="muchos"`));
  });

  it("keeps the answers with the registration; sensitive ones only with their consent", async () => {
    const { encounter, number, choice, many, sex } = await encounterWithQuestions();
    const ok = await register(encounter.slug, [
      ...personFields("sin-consentimiento"),
      [`q-${number.id}`, "3,5"],
      [`q-${choice.id}`, "a"],
      [`q-${many.id}`, "a"],
      [`q-${many.id}`, "b"],
      [`q-${sex.id}`, "mujer"],
    ]);
    expect(ok.status).toBe(200);
    const first = (await registrationOf("persona.sin-consentimiento@alcaldia.gov.co"))!;
    expect((await answersOfRegistration(getDb(), first.id)).map((a) => [a.questionId, a.value])).toEqual([
      [number.id, "3.5"],
      [choice.id, "a"],
      [many.id, '["a","b"]'],
    ]);
    expect(first.sensitive_consent_at).toBeNull();

    await register(encounter.slug, [...personFields("con-consentimiento"), [`q-${choice.id}`, "b"], [`q-${sex.id}`, "hombre"], ["sensitiveConsent", "on"]]);
    const second = (await registrationOf("persona.con-consentimiento@alcaldia.gov.co"))!;
    expect((await answersOfRegistration(getDb(), second.id)).map((a) => a.value)).toEqual(["b", "hombre"]);
    expect(second.sensitive_consent_at).not.toBeNull();

    // The same address again, with other answers: a duplicate changes nothing.
    await register(encounter.slug, [...personFields("con-consentimiento"), [`q-${choice.id}`, "a"]]);
    expect((await answersOfRegistration(getDb(), second.id)).map((a) => a.value)).toEqual(["b", "hombre"]);
  });
});

describe("the person's page", () => {
  it("shows the answers, saves changes, and refuses a wrong one with its reason", async () => {
    const { encounter, number, choice, sex } = await encounterWithQuestions();
    await register(encounter.slug, [...personFields("propia"), [`q-${choice.id}`, "a"], [`q-${sex.id}`, "mujer"], ["sensitiveConsent", "on"]]);
    const token = await tokenMailedTo("persona.propia@alcaldia.gov.co");
    const url = `/inscripcion/${token}`;
    const page = await call(() => manage.loader({ request: getRequest(url), params: { token }, context: client() }));
    expect(page.data.answersEditable).toBe(true);
    expect(page.data.answers.values).toEqual({ [`q-${choice.id}`]: "a", [`q-${sex.id}`]: "mujer" });
    // Drawn as the form's fields, the stored answers checked, the consent box ticked.
    const html = await renderPage(manage, "/inscripcion/:token", getRequest(url));
    expect(html).toContain(es.own.title);
    expect(html).toContain(`<input type="radio" id="field-q-${choice.id}-a" name="q-${choice.id}" checked="" value="a"/>`);
    expect(html).toContain(`<input type="checkbox" id="field-sensitiveConsent" name="sensitiveConsent" checked="" value="on"/>`);

    const wrong = await call(() =>
      manage.action({
        request: post(url, [
          ["intent", "answers"],
          [`q-${choice.id}`, "zeta"],
        ]),
        params: { token },
        context: client(),
      }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.data).toMatchObject({ kind: "answersInvalid", errors: { [`q-${choice.id}`]: ["notAnOption"] } });

    // Another choice, a number, and the sensitive consent withdrawn: those answers go.
    const saved = await call(() =>
      manage.action({
        request: post(url, [
          ["intent", "answers"],
          [`q-${choice.id}`, "b"],
          [`q-${number.id}`, "7"],
          [`q-${sex.id}`, "mujer"],
        ]),
        params: { token },
        context: client(),
      }),
    );
    expect(saved.data).toEqual({ kind: "answersSaved" });
    const reg = (await registrationOf("persona.propia@alcaldia.gov.co"))!;
    expect((await answersOfRegistration(getDb(), reg.id)).map((a) => a.value)).toEqual(["7", "b"]);
    expect(reg.sensitive_consent_at).toBeNull();
  });

  it("refuses changes once registration has closed (409)", async () => {
    const { encounter, choice } = await encounterWithQuestions();
    await register(encounter.slug, [...personFields("cerrada"), [`q-${choice.id}`, "a"]]);
    const token = await tokenMailedTo("persona.cerrada@alcaldia.gov.co");
    await getDb()
      .updateTable("encounters")
      .set({ registration_closes_at: new Date(Date.now() - 60_000).toISOString() })
      .where("id", "=", encounter.id)
      .execute();
    const page = await call(() => manage.loader({ request: getRequest(`/inscripcion/${token}`), params: { token }, context: client() }));
    expect(page.data.answersEditable).toBe(false);
    const locked = await call(() =>
      manage.action({
        request: post(`/inscripcion/${token}`, [
          ["intent", "answers"],
          [`q-${choice.id}`, "b"],
        ]),
        params: { token },
        context: client(),
      }),
    );
    expect(locked.status).toBe(409);
    const reg = (await registrationOf("persona.cerrada@alcaldia.gov.co"))!;
    expect((await answersOfRegistration(getDb(), reg.id)).map((a) => a.value)).toEqual(["a"]);
  });
});

describe("the organizers' page", () => {
  let cookie = "";
  beforeAll(async () => {
    cookie = await organizerCookie((await makeOrganizer(getDb())).email);
  });
  const act = (slug: string, entries: Array<[string, string]>) =>
    call(() => listPage.action({ request: post(`/admin/encuentros/${slug}/preguntas`, entries, cookie), params: { slug }, context: {} }));

  it("adds a question, and refuses one without its options or its wording (400, nothing written)", async () => {
    const encounter = await makeEncounter(getDb());
    const added = await act(encounter.slug, [
      ["intent", "add"],
      ["kind", "one_choice"],
      ["wordingEs", "¿Cómo llega al encuentro?"],
      ["required", "on"],
      ["options[0].es", "En bus"],
      ["options[1].es", "En avión"],
      ["options[1].en", "By plane"],
      ["options[2].es", ""],
    ]);
    expect(added.status).toBe(302);
    const [question] = await listQuestions(getDb(), encounter.id);
    expect(added.headers.get("Location")).toBe(`/admin/encuentros/${encounter.slug}/preguntas#question-${question.id}`);
    expect(question).toMatchObject({
      required: true,
      options: [
        { code: "en_bus", es: "En bus", en: "" },
        { code: "en_avion", es: "En avión", en: "By plane" },
      ],
    });

    const before = await tableContents();
    const lonely = await act(encounter.slug, [
      ["intent", "add"],
      ["kind", "many_choices"],
      ["wordingEs", "Sola"],
      ["options[0].es", "Una"],
    ]);
    expect(lonely.status).toBe(400);
    expect(lonely.data.error).toEqual({ options: ["optionsNeeded"] });
    const blank = await act(encounter.slug, [
      ["intent", "add"],
      ["kind", "no_es_un_tipo"],
      ["wordingEs", ""],
    ]);
    expect(blank.status).toBe(400);
    expect(blank.data.error).toMatchObject({ kind: ["invalid"], wordingEs: ["required"] });
    expect(await tableContents()).toEqual(before);
  });

  it("moves, hides and shows; refuses to delete an answered question with the reason (409) and deletes one without", async () => {
    const db = getDb();
    const encounter = await makeEncounter(db);
    const first = await makeQuestion(db, { encounter_id: encounter.id, wording_es: "Primera" });
    const answered = await makeQuestion(db, { encounter_id: encounter.id, wording_es: "Respondida" });
    await makeAnswer(db, { question_id: answered.id });
    await makeAnswer(db, { question_id: answered.id });
    expect(
      (
        await act(encounter.slug, [
          ["intent", "move"],
          ["id", String(answered.id)],
          ["direction", "up"],
        ])
      ).status,
    ).toBe(302);
    expect((await listQuestions(db, encounter.id)).map((q) => q.id)).toEqual([answered.id, first.id]);
    expect(
      (
        await act(encounter.slug, [
          ["intent", "hide"],
          ["id", String(first.id)],
        ])
      ).status,
    ).toBe(302);
    expect((await listQuestions(db, encounter.id)).find((q) => q.id === first.id)?.hidden).toBe(true);

    const refused = await act(encounter.slug, [
      ["intent", "delete"],
      ["id", String(answered.id)],
    ]);
    expect(refused.status).toBe(409);
    expect(refused.data).toEqual({ refused: "hasAnswers", id: answered.id, question: "Respondida", answers: 2 });
    const html = await renderAfterPost(
      listPage,
      "/admin/encuentros/:slug/preguntas",
      post(
        `/admin/encuentros/${encounter.slug}/preguntas`,
        [
          ["intent", "delete"],
          ["id", String(answered.id)],
        ],
        cookie,
      ),
      409,
    );
    expect(html).toContain("ya tiene 2 respuestas: no se puede borrar");

    expect(
      (
        await act(encounter.slug, [
          ["intent", "delete"],
          ["id", String(first.id)],
        ])
      ).status,
    ).toBe(302);
    expect((await listQuestions(db, encounter.id)).map((q) => q.id)).toEqual([answered.id]);
    // Malformed or another encounter's: 400 and 404.
    expect(
      (
        await act(encounter.slug, [
          ["intent", "move"],
          ["id", "1 or 1=1"],
          ["direction", "up"],
        ])
      ).status,
    ).toBe(400);
    const elsewhere = await makeQuestion(db);
    expect(
      (
        await act(encounter.slug, [
          ["intent", "hide"],
          ["id", String(elsewhere.id)],
        ])
      ).status,
    ).toBe(404);
  });

  it("adds the standard set in one step", async () => {
    const encounter = await makeEncounter(getDb());
    expect((await act(encounter.slug, [["intent", "standard"]])).status).toBe(302);
    expect((await listQuestions(getDb(), encounter.id)).map((q) => q.standardCode)).toContain("ethnic_self_recognition");
  });

  it("edits a question, refusing a new kind once answered (409) and another encounter's question (404)", async () => {
    const db = getDb();
    const question = await makeQuestion(db, { kind: "short_text" });
    await makeAnswer(db, { question_id: question.id });
    const encounter = await db.selectFrom("encounters").select("slug").where("id", "=", question.encounter_id).executeTakeFirstOrThrow();
    const edit = (id: number, entries: Array<[string, string]>) =>
      call(() =>
        editPage.action({
          request: post(`/admin/encuentros/${encounter.slug}/preguntas/${id}`, entries, cookie),
          params: { slug: encounter.slug, id: String(id) },
          context: {},
        }),
      );
    const html = await renderPage(
      editPage,
      "/admin/encuentros/:slug/preguntas/:id",
      getRequest(`/admin/encuentros/${encounter.slug}/preguntas/${question.id}`, cookie),
    );
    expect(html).toContain(es.admin.answeredHint);
    // Answered: its kind is kept in a hidden field, not offered in a select.
    expect(html).toContain(`<input type="hidden" name="kind" value="short_text"/>`);
    const saved = await edit(question.id, [
      ["kind", "short_text"],
      ["wordingEs", "Nueva redacción"],
      ["wordingEn", "New wording"],
    ]);
    expect(saved.status).toBe(302);
    expect((await listQuestions(db, question.encounter_id))[0].wording).toEqual({ es: "Nueva redacción", en: "New wording" });
    const kind = await edit(question.id, [
      ["kind", "number"],
      ["wordingEs", "Nueva redacción"],
    ]);
    expect(kind.status).toBe(409);
    expect(kind.data.error).toEqual({ "": ["kindAnswered"] });
    const other = await makeQuestion(db);
    expect(
      (
        await edit(other.id, [
          ["kind", "short_text"],
          ["wordingEs", "Ajena"],
        ])
      ).status,
    ).toBe(404);
  });
});
