import { createHash, randomBytes } from "node:crypto";
import type { DB } from "../client";
import type { CommitmentInstrument, CommitmentStatus, CommitmentTheme } from "../schema";

// Demo activity for the past encounter bogota-2024, so its report shows real figures: officials
// of 14 capitals registered, most checked in, some took the guide, ten cities made commitments.
// Every demo person uses the domain demo.convoca.test, which marks them as demo data.

export const demoDomain = "demo.convoca.test";

const cityPlan: { dane: string; people: number; attended: number; downloaded: number }[] = [
  { dane: "11001", people: 5, attended: 5, downloaded: 3 },
  { dane: "05001", people: 4, attended: 4, downloaded: 2 },
  { dane: "76001", people: 4, attended: 3, downloaded: 2 },
  { dane: "08001", people: 3, attended: 3, downloaded: 1 },
  { dane: "13001", people: 3, attended: 2, downloaded: 1 },
  { dane: "54001", people: 4, attended: 4, downloaded: 2 },
  { dane: "68001", people: 2, attended: 2, downloaded: 1 },
  { dane: "52001", people: 3, attended: 3, downloaded: 1 },
  { dane: "91001", people: 2, attended: 2, downloaded: 1 },
  { dane: "44001", people: 3, attended: 2, downloaded: 0 },
  { dane: "81001", people: 2, attended: 2, downloaded: 0 },
  { dane: "50001", people: 2, attended: 1, downloaded: 0 },
  { dane: "47001", people: 2, attended: 0, downloaded: 0 },
  { dane: "66001", people: 1, attended: 0, downloaded: 0 },
];

const entities = ["Alcaldía", "Secretaría de Gobierno", "Secretaría de Seguridad", "Secretaría de Planeación", "Secretaría de la Mujer"];
const positions = ["Secretario(a) de despacho", "Profesional especializado(a)", "Asesor(a)", "Coordinador(a) de derechos humanos", "Enlace de migración"];
const givenNames = ["Ana", "Carlos", "Diana", "Jorge", "Luisa", "Andrés", "Marcela", "Felipe", "Paola", "Julián", "Sandra", "Camilo"];
const familyNames = ["Gómez", "Rodríguez", "Martínez", "López", "Hernández", "Díaz", "Moreno", "Rojas", "Vargas", "Castro", "Ortiz", "Ramírez"];

// Due dates are days from the day the demo is created (negative: already past), so that the
// first follow-up run mails what a real programme would: reminders ahead, one overdue notice a
// few days late, one escalation a month after its date, never "vencido hace 858 días".
type DemoCommitment = [
  dane: string,
  title: string,
  instrument: CommitmentInstrument,
  theme: CommitmentTheme,
  dueInDays: number,
  status: CommitmentStatus,
  progress: number,
];

const commitments: DemoCommitment[] = [
  ["11001", "Incluir una meta de prevención de la trata de personas en el PDT 2024-2027", "PDT", "trafficking", -150, "done", 100],
  ["11001", "Mesa distrital contra la trata con reunión trimestral", "PISCC", "trafficking", 45, "in_progress", 60],
  ["05001", "Ruta de atención a víctimas de trata en el PISCC", "PISCC", "trafficking", -90, "done", 100],
  ["05001", "Campaña de prevención del tráfico de migrantes en terminales", "PDT", "smuggling", 120, "in_progress", 40],
  ["76001", "Diagnóstico territorial de movilidad humana", "PDT", "both", -200, "done", 100],
  ["08001", "Indicador de casos atendidos de trata en el PISCC", "PISCC", "trafficking", -35, "at_risk", 30],
  ["13001", "Capacitación a la policía de turismo sobre explotación sexual", "PISCC", "trafficking", -60, "done", 100],
  ["54001", "Punto de orientación a población migrante en la frontera", "PDT", "smuggling", 75, "in_progress", 70],
  ["54001", "Protocolo de identificación temprana de víctimas en pasos fronterizos", "PISCC", "both", -5, "proposed", 0],
  ["52001", "Presupuesto para el comité municipal de lucha contra la trata", "PDT", "trafficking", -250, "done", 100],
  ["91001", "Articulación trinacional de alertas de tráfico de migrantes", "other", "smuggling", 30, "dropped", 10],
  ["44001", "Caracterización de rutas de tráfico de migrantes en La Guajira", "PDT", "smuggling", 110, "proposed", 0],
];

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

export async function seedDemoActivity(db: DB, options: { encounterId: number; guideVersionId: number; now: string }): Promise<void> {
  const { encounterId, now } = options;
  const encounter = await db.selectFrom("encounters").select(["starts_at", "registration_opens_at"]).where("id", "=", encounterId).executeTakeFirstOrThrow();
  const registeredAt = encounter.registration_opens_at ?? encounter.starts_at;
  const checkInAt = encounter.starts_at;
  let person = 0;
  let confirmed = 0;
  for (const plan of cityPlan) {
    const city = await db.selectFrom("cities").select("id").where("dane", "=", plan.dane).executeTakeFirstOrThrow();
    for (let i = 0; i < plan.people; i++, person++) {
      const fullName = `${givenNames[person % givenNames.length]} ${familyNames[(person * 7) % familyNames.length]}`;
      const entity = entities[(person + i) % entities.length];
      const position = positions[person % positions.length];
      const participant = await db
        .insertInto("participants")
        .values({
          email: `persona${person + 1}.${plan.dane}@${demoDomain}`,
          full_name: fullName,
          city_id: city.id,
          entity,
          position,
          phone: null,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("registrations")
        .values({
          encounter_id: encounterId,
          participant_id: participant.id,
          status: "confirmed",
          waitlist_position: null,
          consent_at: registeredAt,
          needs: null,
          checked_in_at: i < plan.attended ? checkInAt : null,
          manage_token_hash: sha(randomBytes(32).toString("base64url")),
          created_at: registeredAt,
          updated_at: registeredAt,
        })
        .execute();
      // Staff saw them at the door: they speak for their city, as a check-in makes them.
      if (i < plan.attended) {
        await db
          .insertInto("city_roster")
          .values({ city_id: city.id, participant_id: participant.id, verified_at: checkInAt, verified_via: "check_in", entity, position })
          .execute();
      }
      confirmed += 1;
      if (i < plan.downloaded) {
        await db
          .insertInto("downloads")
          .values({ material_version_id: options.guideVersionId, participant_id: participant.id, created_at: registeredAt })
          .execute();
      }
    }
    await db.insertInto("encounter_city_places").values({ encounter_id: encounterId, city_id: city.id, confirmed_count: plan.people }).execute();
  }
  await db.updateTable("encounters").set({ confirmed_count: confirmed }).where("id", "=", encounterId).execute();

  const encounterDay = checkInAt.slice(0, 10);
  const today = now.slice(0, 10);
  // Never before the encounter (a demo created the day after it still makes sense).
  const notBefore = (day: string) => (day <= encounterDay ? shiftDays(encounterDay, 1) : day);
  for (const [n, [dane, title, instrument, theme, dueInDays, status, progress]] of commitments.entries()) {
    const due = notBefore(shiftDays(today, dueInDays));
    const city = await db.selectFrom("cities").select(["id", "name"]).where("dane", "=", dane).executeTakeFirstOrThrow();
    const commitment = await db
      .insertInto("commitments")
      .values({
        encounter_id: encounterId,
        city_id: city.id,
        agenda_item_id: null,
        title,
        description: "Compromiso de demostración registrado en la mesa de trabajo del encuentro.",
        instrument,
        theme,
        responsible_name: `Responsable ${n + 1} de ${city.name}`,
        responsible_position: "Secretaría de Gobierno",
        responsible_email: `responsable${n + 1}.${dane}@${demoDomain}`,
        due_date: due,
        indicator: "Avance del compromiso",
        target: "100 %",
        status,
        progress,
        created_at: checkInAt,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("commitment_updates")
      .values({
        commitment_id: commitment.id,
        author_kind: "organizer",
        author_name: "Organizadora de demostración",
        status_from: null,
        status_to: "proposed",
        progress_from: null,
        progress_to: 0,
        note: "Registrado en el encuentro.",
        created_at: checkInAt,
      })
      .execute();
    if (status !== "proposed") {
      // Done ones finished before or after their date, so the on-time share is not trivially 100 %.
      // ... and never after today, nor before the encounter.
      const doneOn = [notBefore(shiftDays(due, n % 2 === 0 ? -10 : 12)), today].sort()[0];
      const updatedAt = status === "done" ? `${doneOn}T15:00:00.000Z` : checkInAt;
      await db
        .insertInto("commitment_updates")
        .values({
          commitment_id: commitment.id,
          author_kind: "responsible",
          author_name: `Responsable ${n + 1} de ${city.name}`,
          status_from: "proposed",
          status_to: status,
          progress_from: 0,
          progress_to: progress,
          note: status === "done" ? "Aprobado e incluido en el documento final." : "Avance reportado por la ciudad.",
          evidence_url: status === "done" ? "https://www.example.org/evidencia-demo" : null,
          created_at: updatedAt,
        })
        .execute();
    }
  }
}

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
