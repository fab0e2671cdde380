import fs from "node:fs";
import { ensureDirFor, filePathForKey, newFileKey } from "~/server/storage.server";
import type { DB } from "../client";
import { simplePng } from "./simple-png";

// The demo encounter's certificate (two institutions' logos, two signatories, one without a
// signature image: a line and the name) and its published minutes, general and for the
// workshop (issue 18, sections 4 and 6). The minutes were published after the encounter; the
// registrants' notice counts as sent (the demo mails nobody).

export async function seedDemoCertificateAndMinutes(
  db: DB,
  options: { encounterId: number; organizerId: number; uploadsDir: string; publishedAt: string },
): Promise<void> {
  const { encounterId, organizerId, uploadsDir, publishedAt } = options;
  const stored = (bytes: Buffer) => {
    const key = newFileKey();
    const file = filePathForKey(key, uploadsDir);
    ensureDirFor(file);
    fs.writeFileSync(file, bytes);
    return key;
  };
  await db
    .insertInto("certificate_settings")
    .values({
      encounter_id: encounterId,
      text_es: "En el marco de la estrategia de prevención de la trata de personas y el tráfico de migrantes de las ciudades capitales.",
      text_en: "Under the capital cities' strategy to prevent human trafficking and migrant smuggling.",
      show_hours: 1,
      updated_at: publishedAt,
      updated_by: organizerId,
    })
    .execute();
  for (const [position, logo] of [
    { institution: "Asociación Colombiana de Ciudades Capitales", bytes: simplePng(480, 160, [11, 61, 110]), width: 480, height: 160 },
    { institution: "Organización Internacional para las Migraciones", bytes: simplePng(400, 160, [0, 114, 188]), width: 400, height: 160 },
  ].entries()) {
    await db
      .insertInto("certificate_logos")
      .values({
        encounter_id: encounterId,
        institution: logo.institution,
        file_key: stored(logo.bytes),
        content_type: "image/png",
        width: logo.width,
        height: logo.height,
        size: logo.bytes.byteLength,
        position,
        created_at: publishedAt,
        created_by: organizerId,
      })
      .execute();
  }
  const signature = simplePng(300, 80, [20, 20, 60]);
  await db
    .insertInto("certificate_signatories")
    .values([
      {
        encounter_id: encounterId,
        name: "Luz Marina Ospina",
        title: "Directora ejecutiva, Asociación Colombiana de Ciudades Capitales",
        signature_key: stored(signature),
        signature_type: "image/png",
        signature_width: 300,
        signature_height: 80,
        position: 0,
        created_at: publishedAt,
        updated_at: publishedAt,
      },
      {
        encounter_id: encounterId,
        name: "Jean-Philippe Antolin",
        title: "Jefe de misión, OIM Colombia",
        position: 1,
        created_at: publishedAt,
        updated_at: publishedAt,
      },
    ])
    .execute();

  await db
    .insertInto("encounter_minutes")
    .values({
      encounter_id: encounterId,
      body: [
        "## Lo que se dijo",
        "",
        "Las ciudades capitales compartieron cómo incluyen la prevención de la **trata de personas** y el **tráfico de migrantes** en sus planes de desarrollo (PDT) y de seguridad (PISCC).",
        "",
        "## Acuerdos",
        "",
        "1. Cada ciudad revisará su PISCC con la guía antes de terminar el trimestre.",
        "2. Las ciudades que aún no tienen ruta de atención a víctimas la incluirán en su PDT.",
        "3. Los enlaces reportarán sus avances en Convoca.",
        "",
        "> La prevención empieza en la planeación territorial.",
        "",
        "La guía está en los [materiales del encuentro](/encuentros/bogota-2024/materiales).",
      ].join("\n"),
      published_at: publishedAt,
      published_by: organizerId,
      notified_at: publishedAt,
      updated_at: publishedAt,
      updated_by: organizerId,
    })
    .execute();
  const workshop = await db
    .selectFrom("agenda_items")
    .select("id")
    .where("encounter_id", "=", encounterId)
    .where("kind", "=", "workshop")
    .orderBy("starts_at")
    .executeTakeFirst();
  if (workshop) {
    await db
      .insertInto("session_minutes")
      .values({
        encounter_id: encounterId,
        agenda_item_id: workshop.id,
        body: "El taller recorrió la guía capítulo por capítulo. Las mesas de **Bogotá**, **Medellín** y **Cali** redactaron un objetivo de prevención para su PISCC.",
        updated_at: publishedAt,
        updated_by: organizerId,
      })
      .execute();
  }
}
