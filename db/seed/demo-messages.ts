import { createMessage, scheduleMessage } from "~/features/messages/commands.server";
import { runMessages } from "~/features/messages/scheduler.server";
import { addDays, utcToWallTime, wallTimeToUtc } from "~/lib/time";
import type { DB } from "../client";

// Demo messages of bogota-2024, through the app's own commands and scheduler: one that went to
// everyone with a place three days before the encounter (its mail marked as sent, since the
// demo's addresses are not real), and one scheduled ten days after the demo is made, at 09:00
// in Bogotá, to the people who attended.

const zone = "America/Bogota";

export async function seedDemoMessages(db: DB, options: { encounterId: number; organizerId: number; today: Date }): Promise<void> {
  const { encounterId, organizerId } = options;
  const writtenAt = new Date(wallTimeToUtc("2024-02-23", "16:00", zone));
  const sendAt = new Date(wallTimeToUtc("2024-02-26", "10:00", zone));
  const sent = await createMessage(
    db,
    organizerId,
    encounterId,
    {
      subject: "Cómo llegar al encuentro del jueves",
      body: [
        "Les esperamos el jueves 29 de febrero desde las 8:00 en el Centro de Convenciones. El registro de llegada abre a las 7:30 en el vestíbulo.",
        "Traigan su documento de identidad y, si lo tienen, el borrador del PDT o del PISCC de su ciudad: en el taller trabajaremos sobre él.",
        "Si ya no pueden asistir, cancelen su inscripción desde su enlace personal para que otra persona de su ciudad tome el cupo.",
      ].join("\n\n"),
      segment: { statuses: ["confirmed"], cities: [] },
    },
    writtenAt,
  );
  await scheduleMessage(db, organizerId, encounterId, sent.id, sendAt, writtenAt);
  // The demo's reminders stay out of it: the plan is turned off for this past encounter.
  await db
    .insertInto("encounter_reminder_settings")
    .values({ encounter_id: encounterId, enabled: 0, updated_at: writtenAt.toISOString(), updated_by: organizerId })
    .execute();
  await runMessages(db, sendAt, { runner: "demo" });
  await db
    .updateTable("email_outbox")
    .set({ status: "sent", sent_at: sendAt.toISOString() })
    .where("idempotency_key", "like", `message:${sent.id}:%`)
    .execute();

  const later = utcToWallTime(addDays(options.today, 10).toISOString(), zone).date;
  const next = await createMessage(
    db,
    organizerId,
    encounterId,
    {
      subject: "Encuesta: ¿cómo van los compromisos de su ciudad?",
      body: [
        "Gracias por participar en el encuentro de Bogotá. Antes del encuentro de seguimiento queremos saber cómo avanzan los compromisos de su ciudad.",
        "Desde su enlace personal puede ver los materiales del encuentro y, si su ciudad ya lo verificó, actualizar el avance de sus compromisos.",
      ].join("\n\n"),
      segment: { statuses: ["attended"], cities: [] },
    },
    options.today,
  );
  await scheduleMessage(db, organizerId, encounterId, next.id, new Date(wallTimeToUtc(later, "09:00", zone)), options.today);
}
