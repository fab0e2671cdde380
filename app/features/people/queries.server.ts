import { sql } from "kysely";
import type { DB } from "~db/client";
import { listCitiesWithFocalPoint } from "~/features/cities/queries.server";
import { withConsent } from "~/features/people/rules";
import { answersOfPerson } from "~/features/questions/queries.server";
import { surveyAnswersOfPerson } from "~/features/surveys/queries.server";
import { normalizeEmail } from "~/server/auth.server";

// One person's data across Convoca, for the Ley 1581 requests: who they are to Convoca, and
// the copy of everything it holds about them. The deletion (commands) reaches the same rows.

export async function findPersonByEmail(db: DB, email: string) {
  const normalized = normalizeEmail(email);
  const participant = await db
    .selectFrom("participants")
    .innerJoin("cities", "cities.id", "participants.city_id")
    .select([
      "participants.id",
      "participants.email",
      "participants.full_name",
      "participants.entity",
      "participants.position",
      "participants.phone",
      "participants.locale",
      "participants.created_at",
      "participants.messages_stopped_at",
      "cities.name as city",
    ])
    .where("participants.email", "=", normalized)
    .executeTakeFirst();
  const responsibleFor = await db
    .selectFrom("commitments")
    .select(["id", "title", "responsible_name", "responsible_position", "responsible_email", "due_date", "status"])
    .where("responsible_email", "=", normalized)
    .execute();
  // The cities the person is a focal point (enlace) of, on their rosters.
  const focalPointFor = await listCitiesWithFocalPoint(db, normalized);
  // An invitation mailed to an address an organizer typed for a city without a focal point.
  const invited = await db.selectFrom("invitations").select("id").where("typed_email", "=", normalized).executeTakeFirst();
  if (!participant && responsibleFor.length === 0 && focalPointFor.length === 0 && !invited) return null;
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
      .leftJoin("invitations", "invitations.id", "registrations.invitation_id")
      .leftJoin("cities as delegation_cities", "delegation_cities.id", "invitations.city_id")
      .select([
        "encounters.title as encounter",
        "registrations.status",
        "registrations.waitlist_position",
        "registrations.source",
        "registrations.needs",
        "registrations.consent_at",
        "registrations.consent_pending",
        "registrations.sensitive_consent_at",
        "organizers.name as registered_by_organizer",
        "delegation_cities.name as delegation_city",
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
        ...(responsibleIds.length
          ? [eb.and([eb("commitment_updates.author_kind", "=", "responsible"), eb("commitment_updates.commitment_id", "in", responsibleIds)])]
          : []),
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
    .select([
      "cities.name as city",
      "city_roster.role",
      "city_roster.entity",
      "city_roster.position",
      "city_roster.focal_point_since",
      "city_roster.verified_at",
      "city_roster.verified_via",
      "city_roster.withdrawn_at",
      "city_roster.withdrawn_reason",
    ])
    .where("city_roster.participant_id", "=", pid)
    .execute();
  // The invitations of a city addressed to the person (as its focal point, or at an address an
  // organizer typed), with what they answered.
  const invitationsReceived = await db
    .selectFrom("invitations")
    .innerJoin("encounters", "encounters.id", "invitations.encounter_id")
    .innerJoin("cities", "cities.id", "invitations.city_id")
    .select([
      "encounters.title as encounter",
      "cities.name as city",
      "invitations.typed_email",
      "invitations.status",
      "invitations.sent_at",
      "invitations.opened_at",
      "invitations.responded_at",
      "invitations.decline_reason",
    ])
    .where((eb) => eb.or([eb("invitations.focal_point_id", "=", pid), eb("invitations.typed_email", "=", person.email)]))
    .orderBy("invitations.id")
    .execute();
  // Their answers to the encounters' registration questions, the sensitive ones included.
  const answers = await answersOfPerson(db, pid);
  // Their answers to linked surveys.
  const surveyAnswers = await surveyAnswersOfPerson(db, pid);
  // The organizers' messages and reminders that were queued for the person.
  const messagesReceived = await db
    .selectFrom("message_deliveries")
    .innerJoin("messages", "messages.id", "message_deliveries.message_id")
    .innerJoin("registrations", "registrations.id", "message_deliveries.registration_id")
    .innerJoin("encounters", "encounters.id", "registrations.encounter_id")
    .select(["encounters.title as encounter", "messages.kind", "messages.subject", "message_deliveries.created_at as queued_at"])
    .where("registrations.participant_id", "=", pid)
    .orderBy("message_deliveries.id")
    .execute();
  const officialMails = await db
    .selectFrom("official_mails")
    .select(["commitment_id", "kind", "status", "created_at"])
    .where((eb) => eb.or([eb("participant_id", "=", pid), eb("recipient", "=", person.email)]))
    .execute();
  return {
    exportedAt: new Date().toISOString(),
    ...person,
    registrations,
    answers,
    surveyAnswers,
    downloads,
    commitmentsRecorded,
    updatesWritten,
    importedIn,
    cityRoster,
    invitationsReceived,
    officialMails,
    messagesReceived,
    mail,
    profileChangeRequests,
  };
}

export // "Contains" as replace(...) <> column: the same on SQLite and PostgreSQL, and no LIKE wildcards
// to escape in an address or a name.
function containsText(column: string, text: string) {
  return sql<boolean>`replace(${sql.ref(column)}, ${text}, '') <> ${sql.ref(column)}`;
}

export type Person = NonNullable<Awaited<ReturnType<typeof findPersonByEmail>>>;
