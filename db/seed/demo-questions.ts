import { createHash, randomBytes } from "node:crypto";
import { encodeAnswer, type AnswerValue } from "~/features/questions/answers";
import type { QuestionOption } from "~/features/questions/kinds";
import { entityTypes, standardSet } from "~/features/questions/standard-set";
import type { DB } from "../client";
import type { QuestionKind } from "../schema";
import { demoDomain } from "./demo-activity";

// Demo registration questions (issue 16, item 4): both demo encounters ask a few questions of
// their own and the standard disaggregation set, and their registrants answered them, so the
// reports show real figures (the disaggregation set as aggregates, small counts as "< 5").
// The follow-up encounter, open for registration, asks only optional questions, and gets a
// dozen demo registrations of its own from capitals the other demo data leaves out.

type DemoQuestion = { kind: QuestionKind; required?: boolean; es: string; en: string; helpEs?: string; helpEn?: string; options?: readonly QuestionOption[] };

const bogotaQuestions: DemoQuestion[] = [
  { kind: "one_choice", required: true, es: "Tipo de entidad que representa", en: "Kind of agency you represent", options: entityTypes },
  { kind: "yes_no", es: "¿Participa por primera vez en un encuentro de ciudades capitales?", en: "Is this your first convening of capital cities?" },
  {
    kind: "many_choices",
    es: "Temas que más le interesan",
    en: "Topics of most interest to you",
    helpEs: "Puede elegir varios.",
    helpEn: "You may choose several.",
    options: [
      { code: "trata", es: "Prevención de la trata de personas", en: "Preventing human trafficking" },
      { code: "trafico", es: "Tráfico de migrantes", en: "Migrant smuggling" },
      { code: "pdt", es: "Metas en el PDT", en: "Targets in the PDT" },
      { code: "piscc", es: "Acciones en el PISCC", en: "Actions in the PISCC" },
      { code: "victimas", es: "Atención a víctimas", en: "Assistance to victims" },
    ],
  },
  { kind: "long_text", es: "¿Qué espera llevarse del encuentro?", en: "What do you hope to take away from the convening?" },
];

const followUpQuestions: DemoQuestion[] = [
  { kind: "yes_no", es: "¿Asistió al encuentro de Bogotá del 29 de febrero de 2024?", en: "Did you attend the Bogotá convening of 29 February 2024?" },
  {
    kind: "one_choice",
    es: "¿En qué plan avanza el compromiso de su ciudad?",
    en: "In which plan is your city's commitment moving forward?",
    options: [
      { code: "pdt", es: "Plan de Desarrollo Territorial (PDT)", en: "Territorial Development Plan (PDT)" },
      { code: "piscc", es: "Plan Integral de Seguridad y Convivencia Ciudadana (PISCC)", en: "Security and Coexistence Plan (PISCC)" },
      { code: "ambos", es: "En ambos", en: "In both" },
      { code: "ninguno", es: "Todavía en ninguno", en: "In neither yet" },
    ],
  },
  { kind: "short_text", es: "Tema que su ciudad quiere tratar en la mesa de seguimiento", en: "Topic your city wants to raise at the follow-up table" },
];

/** Dozen registrations of the follow-up encounter, from capitals no other demo data uses. */
const followUpPlan: { dane: string; people: number }[] = [
  { dane: "63001", people: 3 },
  { dane: "17001", people: 3 },
  { dane: "41001", people: 2 },
  { dane: "19001", people: 2 },
  { dane: "23001", people: 2 },
];

async function insertQuestions(db: DB, encounterId: number, own: DemoQuestion[]): Promise<Map<string, { id: number; kind: QuestionKind }>> {
  const ids = new Map<string, { id: number; kind: QuestionKind }>();
  let position = 1;
  const all = [
    ...own.map((q, i) => ({ key: `own${i}`, ...q, standard: null as string | null })),
    ...standardSet.map((q) => ({
      key: q.code,
      kind: q.kind,
      required: false,
      es: q.wording.es,
      en: q.wording.en,
      helpEs: q.help.es,
      helpEn: q.help.en,
      options: q.options,
      standard: q.code,
    })),
  ];
  for (const q of all) {
    const row = await db
      .insertInto("registration_questions")
      .values({
        encounter_id: encounterId,
        kind: q.kind,
        required: q.required ? 1 : 0,
        wording_es: q.es,
        wording_en: q.en,
        help_es: q.helpEs ?? "",
        help_en: q.helpEn ?? "",
        options: JSON.stringify(q.options ?? []),
        position: position++,
        standard_code: q.standard,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.set(q.key, { id: row.id, kind: q.kind });
  }
  return ids;
}

/** One person's answers to the standard set, spread so that the overall figures are real. */
function sensitiveAnswers(i: number): Record<string, AnswerValue> {
  const pick = <T>(list: readonly T[]) => list[i % list.length];
  const nr = i % 13 === 12;
  const sex = nr ? "nr" : pick(["mujer", "mujer", "hombre", "mujer", "hombre"]);
  const nationality = i % 10 === 6 ? "venezolana" : i % 15 === 9 ? "colombo_venezolana" : "colombiana";
  const disability = nr ? "nr" : i % 9 === 4 ? "si" : "no";
  const answers: Record<string, AnswerValue> = {
    sex: { kind: "one_choice", value: sex },
    gender_identity: { kind: "one_choice", value: i % 17 === 16 ? "no_binario" : sex },
    age_range: { kind: "one_choice", value: pick(["29-39", "40-49", "29-39", "50-59", "18-28", "40-49", "60+"]) },
    ethnic_self_recognition: {
      kind: "one_choice",
      value: nr ? "nr" : i % 8 === 3 ? "afro" : i % 11 === 5 ? "indigena" : i % 19 === 7 ? "raizal" : "ninguno",
    },
    disability: { kind: "one_choice", value: disability },
    nationality: { kind: "one_choice", value: nationality },
  };
  if (disability === "si") answers.disability_kind = { kind: "many_choices", value: i % 2 ? ["fisica"] : ["auditiva", "visual"] };
  if (nationality !== "colombiana") answers.migratory_status = { kind: "one_choice", value: i % 2 ? "regular" : "en_tramite" };
  return answers;
}

async function answer(db: DB, registrationId: number, question: { id: number } | undefined, value: AnswerValue, at: string) {
  if (!question) return;
  await db
    .insertInto("registration_answers")
    .values({ registration_id: registrationId, question_id: question.id, value: encodeAnswer(value), created_at: at, updated_at: at })
    .execute();
}

/** Most people gave the separate consent; those who did not have no sensitive answer kept. */
async function answerSensitive(db: DB, ids: Map<string, { id: number }>, registrationId: number, i: number, at: string) {
  if (i % 6 === 5) return;
  await db.updateTable("registrations").set({ sensitive_consent_at: at }).where("id", "=", registrationId).execute();
  for (const [code, value] of Object.entries(sensitiveAnswers(i))) await answer(db, registrationId, ids.get(code), value, at);
}

const entityCodes: Record<string, string> = {
  Alcaldía: "despacho_alcalde",
  "Secretaría de Gobierno": "sec_gobierno",
  "Secretaría de Seguridad": "sec_seguridad",
  "Secretaría de Planeación": "sec_planeacion",
  "Secretaría de la Mujer": "sec_mujer",
};

const topics = [["trata", "pdt"], ["trafico"], ["trata", "victimas"], ["piscc", "pdt"], ["trata", "trafico", "piscc"]];
const hopes = [
  "Ejemplos concretos de metas de prevención de la trata que otras ciudades ya incluyeron en su PDT.",
  "Conocer la ruta de atención a víctimas y cómo articularla con la Policía y Migración Colombia.",
  "Contactos de otras ciudades de frontera para coordinar alertas.",
];

export async function seedDemoQuestions(db: DB, options: { bogotaId: number; followUpId: number; now: string }): Promise<void> {
  const { bogotaId, followUpId, now } = options;

  const bogota = await insertQuestions(db, bogotaId, bogotaQuestions);
  const registered = await db
    .selectFrom("registrations")
    .innerJoin("participants", "participants.id", "registrations.participant_id")
    .select(["registrations.id", "registrations.created_at", "participants.entity"])
    .where("registrations.encounter_id", "=", bogotaId)
    .orderBy("registrations.id")
    .execute();
  for (const [i, r] of registered.entries()) {
    const at = r.created_at;
    await answer(db, r.id, bogota.get("own0"), { kind: "one_choice", value: entityCodes[r.entity] ?? "otra" }, at);
    await answer(db, r.id, bogota.get("own1"), { kind: "yes_no", value: i % 3 !== 0 }, at);
    await answer(db, r.id, bogota.get("own2"), { kind: "many_choices", value: topics[i % topics.length] }, at);
    if (i % 7 === 0) await answer(db, r.id, bogota.get("own3"), { kind: "long_text", value: hopes[(i / 7) % hopes.length] }, at);
    await answerSensitive(db, bogota, r.id, i, at);
  }

  const followUp = await insertQuestions(db, followUpId, followUpQuestions);
  let person = 0;
  let confirmed = 0;
  for (const plan of followUpPlan) {
    const city = await db.selectFrom("cities").select("id").where("dane", "=", plan.dane).executeTakeFirstOrThrow();
    for (let n = 0; n < plan.people; n++, person++) {
      const participant = await db
        .insertInto("participants")
        .values({
          email: `seguimiento${person + 1}.${plan.dane}@${demoDomain}`,
          full_name: `${["Laura", "Mauricio", "Natalia", "Óscar", "Carolina", "Hernán"][person % 6]} ${["Acosta", "Beltrán", "Cárdenas", "Duarte"][person % 4]}`,
          city_id: city.id,
          entity: ["Secretaría de Gobierno", "Alcaldía", "Secretaría de Seguridad"][person % 3],
          position: ["Profesional universitario(a)", "Asesor(a) de despacho", "Enlace de migración"][person % 3],
          phone: null,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const registration = await db
        .insertInto("registrations")
        .values({
          encounter_id: followUpId,
          participant_id: participant.id,
          status: "confirmed",
          waitlist_position: null,
          consent_at: now,
          manage_token_hash: createHash("sha256").update(randomBytes(32)).digest("hex"),
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      confirmed += 1;
      await answer(db, registration.id, followUp.get("own0"), { kind: "yes_no", value: person % 4 !== 3 }, now);
      await answer(db, registration.id, followUp.get("own1"), { kind: "one_choice", value: ["pdt", "ambos", "piscc", "ninguno", "pdt"][person % 5] }, now);
      if (person % 3 === 0) await answer(db, registration.id, followUp.get("own2"), { kind: "short_text", value: "Indicadores de casos atendidos" }, now);
      await answerSensitive(db, followUp, registration.id, person + 3, now);
    }
    await db.insertInto("encounter_city_places").values({ encounter_id: followUpId, city_id: city.id, confirmed_count: plan.people }).execute();
  }
  await db.updateTable("encounters").set({ confirmed_count: confirmed }).where("id", "=", followUpId).execute();
}
