import { sql } from "kysely";
import type { DB } from "~db/client";
import { normalizeEmail } from "~/server/auth.server";
import { writeTransaction } from "~db/write-transaction";
import { actorOf, recordAudit } from "~/server/audit.server";
import { listCitiesWithFocalPoint } from "~/features/cities/queries.server";

// One person's data across Convoca, for the Ley 1581 requests: a copy, and deletion that keeps
// the anonymous counts (registrations, attendance, downloads) but no longer says who.

export async function findPersonByEmail(db: DB, email: string) {
  const normalized = normalizeEmail(email);
  const participant = await db
    .selectFrom("participants")
    .innerJoin("cities", "cities.id", "participants.city_id")
    .select(["participants.id", "participants.email", "participants.full_name", "participants.entity", "participants.position", "participants.phone", "participants.locale", "participants.created_at", "cities.name as city"])
    .where("participants.email", "=", normalized)
    .executeTakeFirst();
  const responsibleFor = await db
    .selectFrom("commitments")
    .select(["id", "title", "responsible_name", "responsible_position", "responsible_email", "due_date", "status"])
    .where("responsible_email", "=", normalized)
    .execute();
  // A city's focal point hears about its long-overdue commitments: a person's data too.
  const focalPointFor = await listCitiesWithFocalPoint(db, normalized);
  if (!participant && responsibleFor.length === 0 && focalPointFor.length === 0) return null;
  return { email: normalized, participant: participant ?? null, responsibleFor, focalPointFor };
}

export async function exportPersonData(db: DB, email: string) {
  const person = await findPersonByEmail(db, email);
  if (!person) return null;
  const pid = person.participant?.id ?? -1;
  const [registrations, downloads, commitmentsRecorded, mail, profileChangeRequests] = await Promise.all([
    db
      .selectFrom("registrations")
      .innerJoin("encounters", "encounters.id", "registrations.encounter_id")
      .leftJoin("organizers", "organizers.id", "registrations.registered_by_organizer_id")
      .select([
        "encounters.title as encounter",
        "registrations.status",
        "registrations.waitlist_position",
        "registrations.source",
        "registrations.needs",
        "registrations.consent_at",
        "registrations.consent_pending",
        "organizers.name as registered_by_organizer",
        "registrations.checked_in_at",
        "registrations.created_at",
        "registrations.cancelled_at",
      ])
      .where("registrations.participant_id", "=", pid)
      .execute()
      .then((rows) => rows.map(withConsent)),
    db
      .selectFrom("downloads")
      .innerJoin("material_versions", "material_versions.id", "downloads.material_version_id")
      .innerJoin("materials", "materials.id", "material_versions.material_id")
      .select(["materials.title as material", "material_versions.version", "downloads.created_at"])
      .where("downloads.participant_id", "=", pid)
      .execute(),
    db.selectFrom("commitments").select(["id", "title", "created_at"]).where("created_by_participant_id", "=", pid).execute(),
    db.selectFrom("email_outbox").select(["template", "subject", "status", "created_at", "sent_at"]).where("recipient", "=", person.email).execute(),
    // Data someone typed on the public form for this address, waiting for the person to confirm.
    db.selectFrom("profile_change_requests").select(["changes", "created_at", "expires_at", "used_at"]).where("participant_id", "=", pid).execute(),
  ]);
  // Every update the person wrote: as the responsible official of a commitment, and as a
  // signed-in official on any commitment of their city (not only the ones they recorded).
  const responsibleIds = person.responsibleFor.map((c) => c.id);
  const updatesWritten = await db
    .selectFrom("commitment_updates")
    .innerJoin("commitments", "commitments.id", "commitment_updates.commitment_id")
    .select([
      "commitment_updates.commitment_id",
      "commitments.title as commitment",
      "commitment_updates.author_kind",
      "commitment_updates.author_name",
      "commitment_updates.status_to",
      "commitment_updates.progress_to",
      "commitment_updates.note",
      "commitment_updates.evidence_name",
      "commitment_updates.evidence_url",
      "commitment_updates.created_at",
    ])
    .where((eb) =>
      eb.or([
        eb("commitment_updates.author_participant_id", "=", pid),
        ...(responsibleIds.length ? [eb.and([eb("commitment_updates.author_kind", "=", "responsible"), eb("commitment_updates.commitment_id", "in", responsibleIds)])] : []),
      ]),
    )
    .orderBy("commitment_updates.id")
    .execute();
  // Lists of invited officials an organizer imported with this person in them.
  const importedIn = await db
    .selectFrom("registration_imports")
    .innerJoin("encounters", "encounters.id", "registration_imports.encounter_id")
    .select(["encounters.title as encounter", "registration_imports.file_name", "registration_imports.created_at"])
    .where(containsText("registration_imports.rows", person.email))
    .execute();
  // The cities the person was verified for, and the mails about commitments an official's
  // action caused that the person sent or received.
  const cityRoster = await db
    .selectFrom("city_roster")
    .innerJoin("cities", "cities.id", "city_roster.city_id")
    .select(["cities.name as city", "city_roster.role", "city_roster.verified_at", "city_roster.verified_via", "city_roster.withdrawn_at", "city_roster.withdrawn_reason"])
    .where("city_roster.participant_id", "=", pid)
    .execute();
  const officialMails = await db
    .selectFrom("official_mails")
    .select(["commitment_id", "kind", "status", "created_at"])
    .where((eb) => eb.or([eb("participant_id", "=", pid), eb("recipient", "=", person.email)]))
    .execute();
  return { exportedAt: new Date().toISOString(), ...person, registrations, downloads, commitmentsRecorded, updatesWritten, importedIn, cityRoster, officialMails, mail, profileChangeRequests };
}

/**
 * A registration's consent as the data copy states it: given by the person (and when), or
 * still pending because someone else entered the registration, and who.
 */
function withConsent<R extends { consent_at: string; consent_pending: number; source: string; registered_by_organizer: string | null }>(row: R) {
  const { consent_at, consent_pending, registered_by_organizer, ...rest } = row;
  return {
    ...rest,
    registered_by: row.source === "form" ? "la persona (formulario público)" : `organización: ${registered_by_organizer ?? "cuenta eliminada"} (${row.source})`,
    consent: consent_pending ? "pendiente: la persona aún no la ha dado" : "dada por la persona",
    consent_at: consent_pending ? null : consent_at,
  };
}

// "Contains" as replace(...) <> column: the same on SQLite and PostgreSQL, and no LIKE wildcards
// to escape in an address or a name.
function containsText(column: string, text: string) {
  return sql<boolean>`replace(${sql.ref(column)}, ${text}, '') <> ${sql.ref(column)}`;
}

const anonymousEmail = (id: number) => `persona-eliminada-${id}@anonimo.invalid`;

/**
 * Deletes what identifies the person, in one transaction: contact data, free-text needs,
 * sessions, sign-in tokens, unsent mail and mail bodies. Rows that count (registrations,
 * check-ins, downloads) stay, pointing at an anonymous participant of the same city.
 */
export async function deletePersonData(db: DB, email: string, now = new Date()) {
  const person = await findPersonByEmail(db, email);
  if (!person) return null;
  const at = now.toISOString();
  await writeTransaction(db, async (trx) => {
    if (person.participant) {
      const id = person.participant.id;
      await trx
        .updateTable("participants")
        .set({ email: anonymousEmail(id), full_name: "Persona eliminada", phone: null, position: "", updated_at: at })
        .where("id", "=", id)
        .execute();
      await trx.updateTable("registrations").set({ needs: null, updated_at: at }).where("participant_id", "=", id).execute();
      await trx.deleteFrom("sessions").where("participant_id", "=", id).execute();
      // An anonymous person speaks for no city.
      const roster = await trx.selectFrom("city_roster").select(["id", "city_id"]).where("participant_id", "=", id).where("withdrawn_at", "is", null).executeTakeFirst();
      if (roster) {
        await trx.updateTable("city_roster").set({ withdrawn_at: at, withdrawn_reason: "person_deleted" }).where("id", "=", roster.id).execute();
        // Ids only: the entry outlives the person's data.
        await recordAudit(trx, { actor: actorOf.system, action: "city_roster.withdraw", entity: "participant", entityId: id, data: { cityId: roster.city_id, rosterId: roster.id, reason: "person_deleted" } });
      }
      await trx.deleteFrom("profile_change_requests").where("participant_id", "=", id).execute();
    }
    await trx.updateTable("official_mails").set({ recipient: "eliminado@anonimo.invalid" }).where("recipient", "=", person.email).execute();
    await trx.deleteFrom("login_tokens").where("email", "=", person.email).execute();
    await trx.updateTable("cities").set({ focal_point_name: null, focal_point_email: null }).where("focal_point_email", "=", person.email).execute();
    await trx
      .updateTable("commitments")
      .set({ responsible_name: "Responsable retirado", responsible_position: "", responsible_email: "responsable-retirado@anonimo.invalid", reminders_stopped_at: at, updated_at: at })
      .where("responsible_email", "=", person.email)
      .execute();
    await trx
      .updateTable("email_outbox")
      .set({ status: "failed", last_error: "Datos eliminados a pedido de la persona", next_attempt_at: at })
      .where("recipient", "=", person.email)
      .where("status", "in", ["pending", "sending"])
      .execute();
    await trx
      .deleteFrom("email_outbox_bodies")
      .where("outbox_id", "in", trx.selectFrom("email_outbox").select("id").where("recipient", "=", person.email))
      .execute();
    await trx.updateTable("email_outbox").set({ recipient: "eliminado@anonimo.invalid", data: "{}" }).where("recipient", "=", person.email).execute();
    await forgetInHistory(trx, person);
  });
  return { participantId: person.participant?.id ?? null, commitments: person.responsibleFor.length };
}

type Person = NonNullable<Awaited<ReturnType<typeof findPersonByEmail>>>;

/**
 * The history keeps what happened, not who: the person's name on the updates they wrote, and
 * their address and name inside audit entries, are replaced. Names are matched only on the
 * rows tied to the person (their city's commitments, the commitments they answered for).
 */
async function forgetInHistory(trx: DB, person: Person) {
  const removedName = "Persona eliminada";
  const removedEmail = "eliminado@anonimo.invalid";
  const names = new Set<string>();
  if (person.participant) {
    const { id, full_name: name } = person.participant;
    names.add(name);
    await trx.updateTable("commitment_updates").set({ author_name: removedName }).where("author_participant_id", "=", id).execute();
    // Updates older than author_participant_id that its migration could not attribute: the
    // person's name on a commitment of their city.
    const city = await trx.selectFrom("participants").select("city_id").where("id", "=", id).executeTakeFirstOrThrow();
    await trx
      .updateTable("commitment_updates")
      .set({ author_name: removedName })
      .where("author_kind", "=", "participant")
      .where("author_participant_id", "is", null)
      .where("author_name", "=", name)
      .where("commitment_id", "in", trx.selectFrom("commitments").select("id").where("city_id", "=", city.city_id))
      .execute();
  }
  for (const c of person.responsibleFor) {
    names.add(c.responsible_name);
    await trx
      .updateTable("commitment_updates")
      .set({ author_name: removedName })
      .where("author_kind", "=", "responsible")
      .where("author_name", "=", c.responsible_name)
      .where("commitment_id", "=", c.id)
      .execute();
  }
  for (const f of person.focalPointFor) if (f.focal_point_name) names.add(f.focal_point_name);

  await trx.updateTable("audit_log").set({ actor: "responsible:eliminado" }).where("actor", "=", `responsible:${person.email}`).execute();
  // Wherever else the address or a name is written inside text: audit entries, mail to other
  // people (its data, subject and body), and the lists organizers imported.
  const replacements: Array<[string, string]> = [[person.email, removedEmail]];
  for (const name of names) {
    // As the name is written inside JSON (and, the same, in plain text and HTML bodies).
    const inJson = JSON.stringify(name).slice(1, -1);
    if (inJson.trim().length >= 3) replacements.push([inJson, removedName]);
  }
  for (const [text, replacement] of replacements) {
    await replaceIn(trx, "audit_log", "data", text, replacement);
    await replaceIn(trx, "email_outbox", "data", text, replacement);
    await replaceIn(trx, "email_outbox", "subject", text, replacement);
    await replaceIn(trx, "email_outbox_bodies", "html", text, replacement);
    await replaceIn(trx, "email_outbox_bodies", "text", text, replacement);
  }
  await forgetInImports(trx, person.email, { removedName, removedEmail });
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * An imported list keeps each row as the organizer's file had it (name, address, phone,
 * position, needs): the person's rows are blanked field by field, the others left as they were.
 */
async function forgetInImports(trx: DB, email: string, removed: { removedName: string; removedEmail: string }) {
  const blank = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(blank);
    if (value === null || typeof value !== "object") return value;
    const entry: { [key: string]: Json } = {};
    for (const [key, inner] of Object.entries(value)) entry[key] = blank(inner);
    if (typeof entry.email !== "string" || normalizeEmail(entry.email) !== email) return entry;
    for (const key of Object.keys(entry)) {
      if (key === "email") entry[key] = removed.removedEmail;
      else if (key === "fullName" || key === "name") entry[key] = removed.removedName;
      else if (key === "phone" || key === "needs") entry[key] = null;
      else if (key === "position") entry[key] = "";
    }
    return entry;
  };
  const lists = await trx
    .selectFrom("registration_imports")
    .select(["id", "rows", "refused", "results"])
    .where((eb) => eb.or([containsText("rows", email), containsText("refused", email), containsText("results", email)]))
    .execute();
  for (const list of lists) {
    const rewrite = (text: string) => JSON.stringify(blank(JSON.parse(text) as Json));
    await trx.updateTable("registration_imports").set({ rows: rewrite(list.rows), refused: rewrite(list.refused), results: rewrite(list.results) }).where("id", "=", list.id).execute();
  }
}

async function replaceIn(trx: DB, table: "audit_log" | "email_outbox" | "email_outbox_bodies" | "registration_imports", column: string, text: string, replacement: string) {
  await sql`update ${sql.table(table)} set ${sql.ref(column)} = replace(${sql.ref(column)}, ${text}, ${replacement}) where ${containsText(column, text)}`.execute(trx);
}
