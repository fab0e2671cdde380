import type { Database } from "./schema";

// Every column of the database, said once whether it holds personal data and, if so, how the
// Ley 1581 requests of /admin/personas cover it (app/features/people/): the data copy
// (exportPersonData) and the deletion (deletePersonData). tests/db/personal-data.test.ts reads the
// live schema of both engines and fails on a table or column missing here; tsc fails first
// when db/schema.ts has one this list lacks. A new column: add it next to its table's others.
//
//   no          not about a person (or a keyed hash that expires: rate_limits)
//   erased      names or reaches the person (a name, an address, a phone, free text about them,
//               a sign-in): deletion erases or replaces it everywhere; `copy` is where the data
//               copy shows it (a path into exportPersonData's answer) or why it does not
//   kept        facts about the person kept for the counts (a registration, a check-in, a
//               download): deletion keeps them, attached to the anonymous participant; `copy`
//               as above
//   elsewhere   personal data of people who are not registrants (organizer accounts, agenda
//               speakers), kept and removed where it is edited; `why` says where

export type PersonalDataRule =
  | { kind: "no" }
  | { kind: "erased"; copy: string }
  | { kind: "kept"; copy: string }
  | { kind: "elsewhere"; why: string };

const no: PersonalDataRule = { kind: "no" };
const erased = (copy: string): PersonalDataRule => ({ kind: "erased", copy });
const kept = (copy: string): PersonalDataRule => ({ kind: "kept", copy });
const elsewhere = (why: string): PersonalDataRule => ({ kind: "elsewhere", why });
/** A `copy` that is not a path: why the data copy does not show the column. */
export const notInCopy = (why: string) => `not in the copy: ${why}`;

const organizerAccount = elsewhere("organizer accounts: staff, managed (disabled) at /admin/organizadores");
const speaker = elsewhere("agenda speakers: published on the agenda, edited or removed in the agenda editor");

export const personalData: { [T in keyof Database]: { [C in keyof Database[T]]-?: PersonalDataRule } } = {
  cities: {
    id: no, dane: no, name: no, department: no, lat: no, lon: no, calendar_feed_version: no,
    focal_point_name: erased("focalPointFor[].focal_point_name"),
    focal_point_email: erased("focalPointFor[].focal_point_email"),
  },
  organizers: { id: no, email: organizerAccount, name: organizerAccount, role: no, password_hash: organizerAccount, created_at: no, disabled_at: no },
  sessions: { id: no, organizer_id: no, participant_id: erased(notInCopy("open sign-ins, ended by the deletion")), created_at: no, expires_at: no },
  login_tokens: { id: no, token_hash: no, email: erased("email"), redirect_to: no, created_at: no, expires_at: no, used_at: no },
  rate_limits: { key: no, window_started_at: no, hits: no, expires_at: no, last_hit_at: no },
  encounters: {
    id: no, slug: no, title: no, summary: no, venue: no, address: no, host_city_id: no, starts_at: no, ends_at: no, timezone: no,
    capacity: no, city_quota: no, registration_opens_at: no, registration_closes_at: no, status: no,
    contact_email: elsewhere("the organizers' contact address for an encounter, edited on the encounter"),
    confirmed_count: no, waitlist_seq: no, commitments_public: no, created_at: no, updated_at: no,
  },
  encounter_city_places: { encounter_id: no, city_id: no, confirmed_count: no },
  agenda_items: { id: no, encounter_id: no, starts_at: no, ends_at: no, title: no, description: no, kind: no, room: no, position: no, sequence: no, updated_at: no, created_at: no },
  speakers: { id: no, name: speaker, organization: speaker, created_at: no },
  agenda_item_speakers: { agenda_item_id: no, speaker_id: no, role: no, position: no },
  agenda_changes: { id: no, encounter_id: no, agenda_item_id: no, action: no, before: speaker, created_at: no, notification_id: no, notified_at: no },
  agenda_notifications: { id: no, encounter_id: no, organizer_id: no, recipients: no, changes: no, created_at: no },
  participants: {
    id: no,
    email: erased("participant.email"),
    full_name: erased("participant.full_name"),
    city_id: kept("participant.city"),
    entity: kept("participant.entity"),
    position: erased("participant.position"),
    phone: erased("participant.phone"),
    locale: kept("participant.locale"),
    created_at: kept("participant.created_at"),
    updated_at: no,
  },
  registrations: {
    id: no, encounter_id: kept("registrations[].encounter"), participant_id: kept("registrations[].encounter"),
    status: kept("registrations[].status"), waitlist_position: kept("registrations[].waitlist_position"),
    consent_at: kept("registrations[].consent_at"), needs: erased("registrations[].needs"),
    checked_in_at: kept("registrations[].checked_in_at"), manage_token_hash: no, locale: kept(notInCopy("the language of the mails, in participant.locale")),
    created_at: kept("registrations[].created_at"), updated_at: no, cancelled_at: kept("registrations[].cancelled_at"),
    source: kept("registrations[].source"), manage_nonce: no, checkin_code: no, checked_in_by: no,
    registered_by_organizer_id: kept("registrations[].registered_by"), consent_pending: kept("registrations[].consent"),
  },
  // Data typed on the public form for a known address, until its owner confirms it: deleted
  // with the person's data.
  profile_change_requests: {
    id: no, participant_id: erased("profileChangeRequests[].changes"), registration_id: no,
    changes: erased("profileChangeRequests[].changes"), token_hash: no, created_at: no, expires_at: no, used_at: no,
  },
  registration_imports: {
    id: no, encounter_id: no, organizer_id: no, file_name: no,
    rows: erased("importedIn[].file_name"), refused: erased("importedIn[].file_name"), results: erased("importedIn[].file_name"),
    total: no, processed: no, notify: no, status: no, created_at: no, finished_at: no,
  },
  materials: { id: no, encounter_id: no, title: no, description: no, language: no, visibility: no, current_version_id: no, created_by: no, created_at: no, updated_at: no },
  material_versions: { id: no, material_id: no, version: no, file_key: no, original_name: no, content_type: no, size: no, sha256: no, uploaded_by: no, created_at: no },
  downloads: { id: no, material_version_id: kept("downloads[].material"), participant_id: kept("downloads[].material"), organizer_id: no, via: kept(notInCopy("how a file was reached")), created_at: kept("downloads[].created_at") },
  commitments: {
    id: no, encounter_id: no, city_id: no, agenda_item_id: no, title: no, description: no, instrument: no, theme: no,
    responsible_name: erased("responsibleFor[].responsible_name"),
    responsible_position: erased("responsibleFor[].responsible_position"),
    responsible_email: erased("responsibleFor[].responsible_email"),
    due_date: no, indicator: no, target: no, status: no, progress: no, validated_at: no, reminders_stopped_at: no,
    created_by_participant_id: kept("commitmentsRecorded[].title"), created_by_organizer_id: no, created_at: no, updated_at: no,
    responsible_pending_at: no, reminders_stopped_by: no,
  },
  commitment_updates: {
    id: no, commitment_id: no, kind: no, author_kind: no,
    author_name: erased("updatesWritten[].author_name"),
    author_participant_id: kept("updatesWritten[].commitment"),
    status_from: no, status_to: no, progress_from: no, progress_to: no,
    note: kept("updatesWritten[].note"),
    evidence_key: no, evidence_name: kept("updatesWritten[].evidence_name"), evidence_url: kept("updatesWritten[].evidence_url"),
    evidence_type: no, evidence_size: no, evidence_sha256: no, created_at: kept("updatesWritten[].created_at"),
  },
  follow_up_plans: { encounter_id: no, enabled: no, reminder_days: no, overdue_notice: no, weekly_overdue: no, escalate_after_weeks: no, send_hour: no, updated_at: no, updated_by: no },
  follow_up_events: { id: no, key: no, commitment_id: no, rule: no, occurs_on: no, outcome: no, recipients: no, detail: no, runner: no, created_at: no },
  follow_up_runners: { runner: no, last_run_at: no, last_considered: no, last_written: no, last_error: no },
  email_outbox: {
    id: no, idempotency_key: no, recipient: erased("mail[].template"), template: no, locale: no,
    data: erased(notInCopy("what a mail was written from; the copy lists each mail to the person by subject")),
    status: no, attempts: no, next_attempt_at: no, claimed_at: no, claimed_by: no, last_error: no,
    subject: erased("mail[].subject"), message_id: no, created_at: no, sent_at: no,
  },
  email_outbox_bodies: {
    outbox_id: no,
    html: erased(notInCopy("the rendered mail; the copy lists each mail to the person by subject")),
    text: erased(notInCopy("the rendered mail; the copy lists each mail to the person by subject")),
    rendered_at: no,
  },
  audit_log: {
    id: no,
    actor: erased(notInCopy("who did what, kept for accountability without the address")),
    action: no, entity: no, entity_id: no,
    data: erased(notInCopy("who did what, kept for accountability without names or addresses")),
    created_at: no,
  },
  certificates: { id: no, registration_id: kept(notInCopy("the certificate itself, from the personal link")), code: no, issued_at: no },
  city_roster: {
    id: no, city_id: kept("cityRoster[].city"), participant_id: kept("cityRoster[].city"), role: kept("cityRoster[].role"),
    verified_at: kept("cityRoster[].verified_at"), verified_by_organizer_id: no, verified_via: kept("cityRoster[].verified_via"),
    withdrawn_at: kept("cityRoster[].withdrawn_at"), withdrawn_by_organizer_id: no, withdrawn_reason: kept("cityRoster[].withdrawn_reason"),
  },
  official_mails: {
    id: no, participant_id: kept("officialMails[].kind"), commitment_id: no, recipient: erased("officialMails[].kind"),
    kind: no, status: no, created_at: kept("officialMails[].created_at"), decided_at: no, decided_by_organizer_id: no,
  },
};
