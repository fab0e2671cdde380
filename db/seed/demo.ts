import { createHash } from "node:crypto";
import fs from "node:fs";
import { hashPassword } from "~/server/password.server";
import { ensureDirFor, filePathForKey, newFileKey } from "~/server/storage.server";
import { addDays, utcToWallTime, wallTimeToUtc } from "~/lib/time";
import type { DB } from "../client";
import type { AgendaKind } from "../schema";
import { seedDemoActivity } from "./demo-activity";
import { seedDemoRosters } from "./demo-roster";
import { seedDemoQuestions } from "./demo-questions";
import { seedDemoCertificateAndMinutes } from "./demo-certificates";
import { seedDemoMessages } from "./demo-messages";
import { seedDemoInvitations } from "./demo-invitations";
import { seedDemoSurvey } from "./demo-survey";
import { simplePdf } from "./simple-pdf";

export const demoOrganizer = { email: "organizadora@convoca.test", password: "convoca-demo", name: "Organizadora de demostración" };

const zone = "America/Bogota";

type DemoItem = [start: string, end: string, kind: AgendaKind, title: string, room: string, speakers?: [string, string, "speaker" | "moderator"][]];

const bogotaAgenda: DemoItem[] = [
  ["08:00", "08:30", "break", "Registro y bienvenida", "Vestíbulo"],
  ["08:30", "09:00", "plenary", "Instalación", "Auditorio principal"],
  [
    "09:00",
    "10:30",
    "panel",
    "Panel: Política Integral Migratoria con enfoque territorial",
    "Auditorio principal",
    [
      ["Moderación de la Asociación", "Asociación de Ciudades Capitales", "moderator"],
      ["Equipo de la agencia de migración", "Organismo internacional para las migraciones", "speaker"],
    ],
  ],
  ["10:30", "10:45", "break", "Receso", "Vestíbulo"],
  ["10:45", "12:15", "workshop", "Taller: Guía para la elaboración de PDT y PISCC", "Salón 1"],
  ["12:15", "13:00", "working_table", "Mesa de trabajo: prevención y atención de la trata de personas y el tráfico de migrantes", "Salón 1"],
  ["13:00", "13:30", "plenary", "Compromisos de las ciudades y cierre", "Auditorio principal"],
];

const followUpAgenda: DemoItem[] = [
  ["09:00", "09:30", "plenary", "Bienvenida y balance desde el primer encuentro", "Auditorio principal"],
  ["09:30", "11:00", "working_table", "Mesa de trabajo: avance de los compromisos por ciudad", "Salón 1"],
  ["11:00", "11:15", "break", "Receso", "Vestíbulo"],
  ["11:15", "12:30", "panel", "Panel: lecciones aprendidas al incluir la prevención en PDT y PISCC", "Auditorio principal"],
  ["12:30", "13:00", "plenary", "Nuevos compromisos y cierre", "Auditorio principal"],
];

async function insertEncounter(
  db: DB,
  values: {
    slug: string;
    title: string;
    summary: string;
    date: string;
    start: string;
    end: string;
    capacity: number;
    quota: number;
    opensAt: string | null;
    closesAt: string | null;
  },
  agenda: DemoItem[],
  hostCityId: number,
  now: string,
) {
  const { id } = await db
    .insertInto("encounters")
    .values({
      slug: values.slug,
      title: values.title,
      summary: values.summary,
      venue: "Bogotá, sede de la Asociación de Ciudades Capitales",
      address: "Bogotá D.C., Colombia",
      host_city_id: hostCityId,
      starts_at: wallTimeToUtc(values.date, values.start, zone),
      ends_at: wallTimeToUtc(values.date, values.end, zone),
      timezone: zone,
      capacity: values.capacity,
      city_quota: values.quota,
      registration_opens_at: values.opensAt,
      registration_closes_at: values.closesAt,
      status: "published",
      contact_email: demoOrganizer.email,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const [position, [start, end, kind, title, room, speakers]] of agenda.entries()) {
    const item = await db
      .insertInto("agenda_items")
      .values({
        encounter_id: id,
        starts_at: wallTimeToUtc(values.date, start, zone),
        ends_at: wallTimeToUtc(values.date, end, zone),
        title,
        description: "",
        kind,
        room,
        position,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [i, [name, organization, role]] of (speakers ?? []).entries()) {
      const speaker = await db.insertInto("speakers").values({ name, organization }).returning("id").executeTakeFirstOrThrow();
      await db.insertInto("agenda_item_speakers").values({ agenda_item_id: item.id, speaker_id: speaker.id, role, position: i }).execute();
    }
  }
  return id;
}

/** The demo: two encounters, a guide material and the demo organizer. Call only on an empty database. */
export async function seedDemo(db: DB, options: { uploadsDir: string; today?: Date }): Promise<void> {
  const today = options.today ?? new Date();
  const now = today.toISOString();
  const bogota = await db.selectFrom("cities").select("id").where("dane", "=", "11001").executeTakeFirstOrThrow();

  const organizer = await db
    .insertInto("organizers")
    .values({ email: demoOrganizer.email, name: demoOrganizer.name, role: "admin", password_hash: await hashPassword(demoOrganizer.password) })
    .returning("id")
    .executeTakeFirstOrThrow();

  const firstId = await insertEncounter(
    db,
    {
      slug: "bogota-2024",
      title: "Encuentro de Ciudades Capitales: movilidad humana, trata de personas y tráfico de migrantes",
      summary:
        "Autoridades locales de las ciudades capitales trabajan con la Asociación y la agencia de migración para incluir la prevención de la trata de personas y el tráfico de migrantes en sus Planes de Desarrollo Territorial (PDT) y en sus Planes Integrales de Seguridad y Convivencia Ciudadana (PISCC).",
      date: "2024-02-29",
      start: "08:00",
      end: "13:30",
      capacity: 120,
      quota: 5,
      opensAt: wallTimeToUtc("2024-02-01", "00:00", zone),
      closesAt: wallTimeToUtc("2024-02-28", "23:59", zone),
    },
    bogotaAgenda,
    bogota.id,
    now,
  );

  const followUpDate = utcToWallTime(addDays(today, 60).toISOString(), zone).date;
  const followUpId = await insertEncounter(
    db,
    {
      slug: "seguimiento",
      title: "Encuentro de seguimiento de compromisos de las Ciudades Capitales",
      summary:
        "Las ciudades capitales revisan el avance de los compromisos asumidos para prevenir la trata de personas y el tráfico de migrantes en sus PDT y PISCC, y acuerdan los siguientes pasos.",
      date: followUpDate,
      start: "09:00",
      end: "13:00",
      capacity: 60,
      quota: 3,
      opensAt: now,
      closesAt: wallTimeToUtc(followUpDate, "08:00", zone),
    },
    followUpAgenda,
    bogota.id,
    now,
  );

  const pdf = simplePdf("Guía para la elaboración de PDT y PISCC", [
    "Prevención de la trata de personas y el tráfico de migrantes",
    "en los Planes de Desarrollo Territorial (PDT) y en los Planes",
    "Integrales de Seguridad y Convivencia Ciudadana (PISCC).",
    "",
    "1. Diagnóstico territorial de la movilidad humana.",
    "2. Objetivos, metas e indicadores de prevención y atención.",
    "3. Rutas de atención a víctimas y articulación institucional.",
    "4. Presupuesto, responsables y seguimiento.",
    "",
    "Documento de demostración de Convoca.",
  ]);
  const key = newFileKey();
  const file = filePathForKey(key, options.uploadsDir);
  ensureDirFor(file);
  fs.writeFileSync(file, pdf);
  const material = await db
    .insertInto("materials")
    .values({
      encounter_id: firstId,
      title: "Guía para la elaboración de PDT y PISCC",
      description: "Cómo incluir la prevención de la trata de personas y el tráfico de migrantes en los planes de la ciudad.",
      language: "es",
      visibility: "public",
      created_by: organizer.id,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const version = await db
    .insertInto("material_versions")
    .values({
      material_id: material.id,
      version: 1,
      file_key: key,
      original_name: "Guía PDT y PISCC.pdf",
      content_type: "application/pdf",
      size: pdf.length,
      sha256: createHash("sha256").update(pdf).digest("hex"),
      uploaded_by: organizer.id,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.updateTable("materials").set({ current_version_id: version.id }).where("id", "=", material.id).execute();
  await seedDemoActivity(db, { encounterId: firstId, guideVersionId: version.id, now });
  await seedDemoRosters(db, { organizerId: organizer.id, now });
  await seedDemoQuestions(db, { bogotaId: firstId, followUpId, now });
  await seedDemoMessages(db, { encounterId: firstId, organizerId: organizer.id, today });
  // The minutes were published three days after the encounter (29 February 2024).
  await seedDemoCertificateAndMinutes(db, {
    encounterId: firstId,
    organizerId: organizer.id,
    uploadsDir: options.uploadsDir,
    publishedAt: "2024-03-03T15:00:00.000Z",
  });
  await seedDemoSurvey(db, { encounterId: firstId, organizerId: organizer.id });
  await seedDemoInvitations(db, { encounterId: followUpId, organizerId: organizer.id, now });
}
