import { withBenchDatabase } from "./database";
import type { BenchResult } from "./run";

// A survey's results page with 2,000 answers (responses of 2,000 people of 32 cities, each
// answering the starter questions and rating 6 sessions: some 22,000 values): the time the page's
// reads take (the results, counted and charted, and the question list), median of 5 runs after
// one warm-up. The goal (issue 18) is 100 ms at most. `npm run bench surveys`.

const people = 2_000;
const goalMs = 100;

export async function benchSurveys(): Promise<BenchResult> {
  return withBenchDatabase("surveys", async (db) => {
    const { createSurvey } = await import("~/features/surveys/commands.server");
    const { surveyResults } = await import("~/features/surveys/results.server");
    const { listQuestions } = await import("~/features/questions/queries.server");
    const { surveySet } = await import("~/features/questions/sets.server");
    const cities = await db.selectFrom("cities").select(["id"]).execute();
    const at = "2030-03-01T15:00:00.000Z";
    const encounter = await db
      .insertInto("encounters")
      .values({
        slug: "bench-encuestas",
        title: "Encuentro de prueba de encuestas",
        starts_at: "2030-03-01T13:00:00.000Z",
        ends_at: "2030-03-01T21:00:00.000Z",
        capacity: people,
        city_quota: people,
        status: "published",
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const items: Array<{ id: number }> = [];
    for (let i = 0; i < 6; i++)
      items.push(
        await db
          .insertInto("agenda_items")
          .values({
            encounter_id: encounter.id,
            title: `Sesión ${i + 1}`,
            starts_at: new Date(Date.parse("2030-03-01T13:00:00.000Z") + i * 3_600_000).toISOString(),
            ends_at: new Date(Date.parse("2030-03-01T14:00:00.000Z") + i * 3_600_000).toISOString(),
            kind: "panel",
            position: i,
          })
          .returning("id")
          .executeTakeFirstOrThrow(),
      );
    const created = await createSurvey(
      db,
      encounter.id,
      {
        title: { es: "Encuesta", en: "Survey" },
        intro: { es: "", en: "" },
        mode: "linked",
        opensAt: "2030-03-01T13:00:00.000Z",
        closesAt: "2030-03-15T00:00:00.000Z",
        mailAfterEnd: false,
        mailDelayHours: 2,
        reminderDays: 3,
      },
      null,
      "bench",
    );
    if (!created.ok) throw new Error(created.refusal);
    const questions = await listQuestions(db, surveySet(created.id));
    for (let i = 0; i < people; i += 500) {
      const persons = await db
        .insertInto("participants")
        .values(
          Array.from({ length: Math.min(500, people - i) }, (_, j) => ({
            email: `persona${i + j}@encuesta.example.org`,
            full_name: `Persona ${i + j}`,
            city_id: cities[(i + j) % cities.length].id,
            entity: "Alcaldía",
            position: "Profesional",
            updated_at: at,
          })),
        )
        .returning("id")
        .execute();
      const registrations = await db
        .insertInto("registrations")
        .values(
          persons.map((p) => ({
            encounter_id: encounter.id,
            participant_id: p.id,
            status: "confirmed" as const,
            checked_in_at: at,
            consent_at: at,
            manage_token_hash: `h${p.id}`,
            updated_at: at,
          })),
        )
        .returning("id")
        .execute();
      const responses = await db
        .insertInto("survey_responses")
        .values(registrations.map((r) => ({ survey_id: created.id, registration_id: r.id, created_at: at, updated_at: at })))
        .returning("id")
        .execute();
      const values = responses.flatMap((r, j) => [
        { response_id: r.id, question_id: questions[0].id, agenda_item_id: null, value: String(1 + ((i + j) % 5)) },
        ...items.map((item, k) => ({ response_id: r.id, question_id: questions[1].id, agenda_item_id: item.id, value: String(1 + ((i + j + k) % 5)) })),
        { response_id: r.id, question_id: questions[2].id, agenda_item_id: null, value: (i + j) % 3 ? "yes" : "no" },
        { response_id: r.id, question_id: questions[3].id, agenda_item_id: null, value: `Lo más útil para la persona ${i + j}: el taller.` },
        { response_id: r.id, question_id: questions[4].id, agenda_item_id: null, value: "Más tiempo para la mesa de trabajo." },
      ]);
      for (let k = 0; k < values.length; k += 1000)
        await db
          .insertInto("survey_answers")
          .values(values.slice(k, k + 1000))
          .execute();
    }
    const survey = await db.selectFrom("surveys").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
    const words = { yes: "Sí", no: "No", scale: { 1: "1", 2: "2", 3: "3", 4: "4", 5: "5" } };
    const page = () => Promise.all([surveyResults(db, survey, "es", words), listQuestions(db, surveySet(survey.id))]);
    const [warm] = await page();
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await page();
      times.push(performance.now() - started);
    }
    const median = Math.round(times.sort((a, b) => a - b)[2]);
    return {
      name: `surveys: a survey's results page with ${people.toLocaleString("en")} answers (goal ≤ ${goalMs} ms)`,
      value: median,
      unit: "ms",
      goal: { max: goalMs },
      details: `${warm.responses} responses, ${warm.questions.length} questions charted, rate ${warm.rate} %; median of 5 runs`,
    };
  });
}
