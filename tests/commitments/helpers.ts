import type { CommitmentActor } from "~/features/commitments/rules";
import { recordCommitment } from "~/features/commitments/commands/record.server";
import { getDb } from "~/server/db.server";
import { cityIdOf, makeEncounter, makeOrganizer } from "../factories";
import type { CommitmentFields } from "~/features/commitments/rules";

// Shared pieces of the commitments tests: a test encounter on known dates (built by the
// factories), and a commitment recorded through the real command.

export const appUrl = "http://convoca.test";
export const secret = "secreto-de-prueba-con-mas-de-32-caracteres";

export async function testEncounter(slug = "prueba-seguimiento", startsAt = "2025-01-15T14:00:00.000Z") {
  const db = getDb();
  const existing = await db.selectFrom("encounters").selectAll().where("slug", "=", slug).executeTakeFirst();
  if (existing) return existing;
  return makeEncounter(db, {
    slug,
    title: "Encuentro de prueba",
    starts_at: startsAt,
    ends_at: startsAt,
    capacity: 100,
    city_quota: 5,
    contact_email: "organizadora@convoca.test",
    updated_at: startsAt,
  });
}

/** A capital city's id by its DANE code. */
export const cityId = (dane: string) => cityIdOf(getDb(), dane);

export function fields(overrides: Partial<CommitmentFields> = {}): CommitmentFields {
  return {
    title: "Incluir la prevención de la trata en el PISCC",
    description: "",
    instrument: "PISCC",
    theme: "trafficking",
    agendaItemId: null,
    responsibleName: "Marta Ruiz",
    responsiblePosition: "Secretaria de Gobierno",
    responsibleEmail: "marta.ruiz@example.org",
    dueDate: "2025-06-30",
    indicator: "",
    target: "",
    ...overrides,
  };
}

export const organizerActor: CommitmentActor = { kind: "organizer", id: 1, name: "Organizadora" };

// The organizer who records the commitments of a test file unless another author is given.
let organizer: Promise<{ id: number; name: string }> | undefined;
const recordingOrganizer = () => (organizer ??= makeOrganizer(getDb(), { name: "Organizadora" }));

// Each record() is a new commitment. The same form from the same author within minutes is taken
// for a double tap and gives the first commitment back (app/lib/repeated-submission.ts), and
// these calls share a fixed clock, so a call that keeps the default title gets a numbered one.
let recorded = 0;

export async function record(input: { dane?: string; fields?: Partial<CommitmentFields>; now?: Date; actor?: CommitmentActor; slug?: string } = {}) {
  const encounter = await testEncounter(input.slug);
  const organizer = input.actor ? null : await recordingOrganizer();
  recorded++;
  return recordCommitment(
    getDb(),
    {
      encounter,
      cityId: await cityId(input.dane ?? "05001"),
      fields: fields({ title: `${fields().title} (${recorded})`, ...input.fields }),
      actor: input.actor ?? { kind: "organizer", id: organizer!.id, name: organizer!.name },
      now: input.now ?? new Date("2025-01-15T20:00:00.000Z"),
    },
    { appUrl, secret },
  );
}

/**
 * What a responsible official's update through the signed link leaves behind, written directly:
 * the update row (30 %, in progress) and its audit entry, which names them.
 */
export async function writeResponsibleUpdate(
  commitmentId: number,
  who: { name: string; email: string },
  auditData: Record<string, unknown> = { by: who.name },
) {
  const db = getDb();
  await db
    .insertInto("commitment_updates")
    .values({
      commitment_id: commitmentId,
      author_kind: "responsible",
      author_name: who.name,
      status_from: "proposed",
      status_to: "in_progress",
      progress_from: 0,
      progress_to: 30,
      note: "Avance",
    })
    .execute();
  await db
    .insertInto("audit_log")
    .values({
      actor: `responsible:${who.email}`,
      action: "commitment.update",
      entity: "commitment",
      entity_id: String(commitmentId),
      data: JSON.stringify(auditData),
    })
    .execute();
}
