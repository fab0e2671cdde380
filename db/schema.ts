import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

// Times are ISO-8601 UTC instants stored as text ("2024-02-29T13:00:00.000Z"): they sort as
// text, read the same on SQLite and PostgreSQL, and an encounter's timezone turns them into
// wall-clock time at the edges (forms, pages, mail, calendars).
type Instant = string;
// A calendar date without time ("2024-03-31"), used for due dates.
type DateOnly = string;
type Id = Generated<number>;
type CreatedAt = ColumnType<Instant, Instant | undefined, never>;

export const organizerRoles = ["admin", "organizer"] as const;
export type OrganizerRole = (typeof organizerRoles)[number];

export const encounterStatuses = ["draft", "published", "closed"] as const;
export type EncounterStatus = (typeof encounterStatuses)[number];

export const agendaKinds = ["plenary", "panel", "workshop", "working_table", "break"] as const;
export type AgendaKind = (typeof agendaKinds)[number];

export const speakerRoles = ["speaker", "moderator"] as const;
export type SpeakerRole = (typeof speakerRoles)[number];

export const registrationStatuses = ["confirmed", "waitlisted", "cancelled"] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

export const materialVisibilities = ["public", "registered", "attendees"] as const;
export type MaterialVisibility = (typeof materialVisibilities)[number];

export const commitmentInstruments = ["PDT", "PISCC", "other"] as const;
export type CommitmentInstrument = (typeof commitmentInstruments)[number];

export const commitmentThemes = ["trafficking", "smuggling", "both", "other"] as const;
export type CommitmentTheme = (typeof commitmentThemes)[number];

export const commitmentStatuses = ["proposed", "in_progress", "done", "at_risk", "dropped"] as const;
export type CommitmentStatus = (typeof commitmentStatuses)[number];

export const outboxStatuses = ["pending", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export const locales = ["es", "en"] as const;
export type Locale = (typeof locales)[number];

export interface CitiesTable {
  id: Id;
  dane: string;
  name: string;
  department: string;
  lat: number;
  lon: number;
  // Part of the signed calendar feed link: raising it voids the links given out before.
  calendar_feed_version: Generated<number>;
}

export interface OrganizersTable {
  id: Id;
  email: string;
  name: string;
  role: OrganizerRole;
  password_hash: string;
  created_at: CreatedAt;
  disabled_at: Instant | null;
}

export interface SessionsTable {
  // sha256 of the random value in the cookie: a stolen database does not yield live cookies.
  id: string;
  organizer_id: number | null;
  participant_id: number | null;
  created_at: CreatedAt;
  expires_at: Instant;
}

export interface LoginTokensTable {
  id: Id;
  token_hash: string;
  email: string;
  redirect_to: string | null;
  created_at: CreatedAt;
  expires_at: Instant;
  used_at: Instant | null;
}

export interface RateLimitsTable {
  // A keyed hash (HMAC-SHA256) of what is counted, never an address in clear.
  key: string;
  window_started_at: Instant;
  hits: number;
  // Migration 2026_12_07_03: when the row may be purged, and when its last try was counted.
  expires_at: Instant | null;
  last_hit_at: Instant | null;
}

/** Migration 2026_12_07_08: the version of what anonymous visitors read (app/server/public-versions.server.ts). */
export interface PublicVersionsTable {
  scope: string;
  version: number;
  changed_at: Instant;
}

export interface EncountersTable {
  id: Id;
  slug: string;
  title: string;
  summary: Generated<string>;
  venue: Generated<string>;
  address: Generated<string>;
  host_city_id: number | null;
  starts_at: Instant;
  ends_at: Instant;
  timezone: Generated<string>;
  capacity: number;
  city_quota: number;
  registration_opens_at: Instant | null;
  registration_closes_at: Instant | null;
  status: Generated<EncounterStatus>;
  contact_email: string | null;
  // Kept beside capacity so that a conditional UPDATE can guard it on any engine.
  confirmed_count: Generated<number>;
  // The last waiting-list position handed out (migration 2026_11_29_04).
  waitlist_seq: Generated<number>;
  commitments_public: Generated<number>;
  created_at: CreatedAt;
  updated_at: Instant;
  // Migration 2026_12_07_07: days before registration closes when cities that have not
  // answered their invitation get the automatic reminder (0: none).
  invitation_reminder_days: Generated<number>;
}

export interface EncounterCityPlacesTable {
  encounter_id: number;
  city_id: number;
  confirmed_count: number;
}

export interface AgendaItemsTable {
  id: Id;
  encounter_id: number;
  starts_at: Instant;
  ends_at: Instant;
  title: string;
  description: Generated<string>;
  kind: AgendaKind;
  room: Generated<string>;
  position: number;
  // iCalendar SEQUENCE: raised each time the item's content changes.
  sequence: Generated<number>;
  updated_at: Instant | null;
  created_at: CreatedAt;
}

export const agendaChangeActions = ["created", "updated", "removed"] as const;
export type AgendaChangeAction = (typeof agendaChangeActions)[number];

/** A change to a published encounter's agenda, kept until registered people are told of it. */
export interface AgendaChangesTable {
  id: Id;
  encounter_id: number;
  agenda_item_id: number;
  action: AgendaChangeAction;
  // JSON of the item before the change (null when the change created it).
  before: string | null;
  created_at: CreatedAt;
  notification_id: number | null;
  notified_at: Instant | null;
}

export interface AgendaNotificationsTable {
  id: Id;
  encounter_id: number;
  organizer_id: number | null;
  recipients: number;
  changes: number;
  created_at: CreatedAt;
}

export interface SpeakersTable {
  id: Id;
  name: string;
  organization: Generated<string>;
  created_at: CreatedAt;
}

export interface AgendaItemSpeakersTable {
  agenda_item_id: number;
  speaker_id: number;
  role: SpeakerRole;
  position: number;
}

export interface ParticipantsTable {
  id: Id;
  email: string;
  full_name: string;
  city_id: number;
  entity: string;
  position: string;
  phone: string | null;
  locale: Generated<Locale>;
  created_at: CreatedAt;
  updated_at: Instant;
  // Migration 2026_12_07_06: since when the person wants no messages or reminders (null: they
  // get them); confirmations, cancellations and agenda changes reach them all the same.
  messages_stopped_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
}

export interface RegistrationsTable {
  id: Id;
  encounter_id: number;
  participant_id: number;
  status: RegistrationStatus;
  waitlist_position: number | null;
  consent_at: Instant;
  needs: string | null;
  checked_in_at: Instant | null;
  manage_token_hash: string;
  locale: Generated<Locale>;
  created_at: CreatedAt;
  updated_at: Instant;
  cancelled_at: Instant | null;
  // Migration 2026_11_29_04: how it came in; the nonce the manage link is signed from (its
  // hash is manage_token_hash); the code of the check-in QR; who checked the person in.
  source: Generated<RegistrationSource>;
  manage_nonce: string | null;
  checkin_code: string | null;
  checked_in_by: number | null;
  // Migration 2026_12_07_02: the organizer who entered it (null: the person themself), and
  // whether the person still has to give their own consent (while 1, consent_at is the time
  // the registration was entered, not a consent).
  registered_by_organizer_id: Generated<number | null>;
  consent_pending: Generated<number>;
  // Migration 2026_12_07_07: the delegation (invitation) it belongs to, and the focal point
  // that invitation was addressed to (null: a typed address, or not a delegation).
  invitation_id: Generated<number | null>;
  registered_by_participant_id: Generated<number | null>;
  // Migration 2026_12_07_05: when the person gave the separate, explicit consent (Ley 1581) to
  // keep their answers to the disaggregation set; null: none given, none kept.
  sensitive_consent_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
}

/** Differences an anonymous registration asked for on a known email, until its owner confirms. */
export interface ProfileChangeRequestsTable {
  id: Id;
  participant_id: number;
  registration_id: number;
  changes: string;
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Instant;
  used_at: Instant | null;
}

export const registrationSources = ["form", "import", "walk_in", "organizer", "delegation"] as const;
export type RegistrationSource = (typeof registrationSources)[number];

/** A CSV of invited officials between its preview and its run (rows kept as JSON). */
export interface RegistrationImportsTable {
  id: Id;
  encounter_id: number;
  organizer_id: number | null;
  file_name: string;
  rows: string;
  refused: string;
  total: number;
  processed: Generated<number>;
  results: Generated<string>;
  notify: Generated<number>;
  status: Generated<"preview" | "running" | "done">;
  created_at: CreatedAt;
  finished_at: Instant | null;
}

export interface MaterialsTable {
  id: Id;
  encounter_id: number | null;
  title: string;
  description: Generated<string>;
  language: Generated<string>;
  visibility: MaterialVisibility;
  current_version_id: number | null;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Instant;
}

export interface MaterialVersionsTable {
  id: Id;
  material_id: number;
  version: number;
  file_key: string;
  original_name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: number | null;
  created_at: CreatedAt;
}

export const downloadVias = ["page", "link"] as const;
export type DownloadVia = (typeof downloadVias)[number];

export interface DownloadsTable {
  id: Id;
  material_version_id: number;
  participant_id: number | null;
  organizer_id: number | null;
  // How the file was reached; null on rows older than the column.
  via: ColumnType<DownloadVia | null, DownloadVia | null | undefined, DownloadVia | null>;
  created_at: CreatedAt;
}

export interface CommitmentsTable {
  id: Id;
  encounter_id: number;
  city_id: number;
  agenda_item_id: number | null;
  title: string;
  description: Generated<string>;
  instrument: CommitmentInstrument;
  theme: CommitmentTheme;
  responsible_name: string;
  responsible_position: Generated<string>;
  responsible_email: string;
  due_date: DateOnly;
  indicator: Generated<string>;
  target: Generated<string>;
  status: Generated<CommitmentStatus>;
  progress: Generated<number>;
  validated_at: Instant | null;
  reminders_stopped_at: Instant | null;
  created_by_participant_id: number | null;
  created_by_organizer_id: number | null;
  created_at: CreatedAt;
  updated_at: Instant;
  // Migration 2026_12_07_01: since when the responsible an official named awaits an organizer's
  // confirmation (that address gets only a neutral notice and no reminders); null: confirmed.
  responsible_pending_at: Instant | null;
  // Migration 2026_12_07_01: who stopped the reminders (an organizer's stop only an organizer
  // may undo); null while they run, and for stops made before the migration.
  reminders_stopped_by: "organizer" | "participant" | "responsible" | null;
}

export const commitmentUpdateKinds = ["created", "update", "edited", "validated", "reopened", "reminders_stopped", "reminders_resumed"] as const;
export type CommitmentUpdateKind = (typeof commitmentUpdateKinds)[number];

export interface CommitmentUpdatesTable {
  id: Id;
  commitment_id: number;
  kind: Generated<CommitmentUpdateKind>;
  author_kind: "participant" | "organizer" | "responsible";
  author_name: string;
  // The person who wrote it, when a signed-in person did (migration 2026_12_07_03).
  author_participant_id: ColumnType<number | null, number | null | undefined, number | null>;
  status_from: CommitmentStatus | null;
  status_to: CommitmentStatus;
  progress_from: number | null;
  progress_to: number;
  note: Generated<string>;
  evidence_key: string | null;
  evidence_name: string | null;
  evidence_url: string | null;
  evidence_type: string | null;
  evidence_size: number | null;
  evidence_sha256: string | null;
  created_at: CreatedAt;
}

// Reminder rules of one encounter; an encounter without a row follows the defaults.
export interface FollowUpPlansTable {
  encounter_id: number;
  enabled: Generated<number>;
  reminder_days: Generated<string>;
  overdue_notice: Generated<number>;
  weekly_overdue: Generated<number>;
  escalate_after_weeks: number | null;
  send_hour: Generated<number>;
  updated_at: Instant;
  updated_by: number | null;
}

// One row per decision of the follow-up scheduler; `key` is also its mail's outbox key.
export interface FollowUpEventsTable {
  id: Id;
  key: string;
  commitment_id: number;
  rule: string;
  occurs_on: DateOnly;
  outcome: "queued" | "skipped";
  recipients: Generated<number>;
  detail: string | null;
  runner: string | null;
  created_at: CreatedAt;
}

export interface FollowUpRunnersTable {
  runner: string;
  last_run_at: Instant;
  last_considered: Generated<number>;
  last_written: Generated<number>;
  last_error: string | null;
}

export interface EmailOutboxTable {
  id: Id;
  idempotency_key: string;
  recipient: string;
  template: string;
  locale: Generated<Locale>;
  data: Generated<string>;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: Instant;
  claimed_at: Instant | null;
  claimed_by: string | null;
  last_error: string | null;
  subject: string | null;
  message_id: string | null;
  created_at: CreatedAt;
  sent_at: Instant | null;
}

/** The rendered message as sent, apart from email_outbox so the dispatcher's queries stay on slim rows. */
export interface EmailOutboxBodiesTable {
  outbox_id: number;
  html: string;
  text: string;
  rendered_at: Instant;
}

export interface AuditLogTable {
  id: Id;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  data: string | null;
  created_at: CreatedAt;
}

// How a person came onto the roster: an organizer verified or added them, staff checked them in,
// a focal point of the city added them, or they signed in from an address at a domain of the city.
export const rosterVias = ["organizer", "check_in", "focal_point", "email_domain"] as const;
export type RosterVia = (typeof rosterVias)[number];

// What the person is on the roster (migration 2026_12_07_04): a focal point (enlace) keeps it.
export const rosterRoles = ["focal_point", "official"] as const;
export type RosterRole = (typeof rosterRoles)[number];

// Why a row was withdrawn: neither a check-in nor an email domain re-verifies a person an
// organizer or a focal point withdrew.
export const rosterWithdrawnReasons = ["organizer", "focal_point", "check_in_undone", "person_deleted", "city_changed"] as const;
export type RosterWithdrawnReason = (typeof rosterWithdrawnReasons)[number];

/** Who speaks for which city (migration 2026_12_07_01); one active row per person. */
export interface CityRosterTable {
  id: Id;
  city_id: number;
  participant_id: number;
  role: Generated<RosterRole>;
  verified_at: Instant;
  verified_by_organizer_id: number | null;
  verified_via: RosterVia;
  withdrawn_at: Instant | null;
  withdrawn_by_organizer_id: number | null;
  withdrawn_reason: RosterWithdrawnReason | null;
  // Migration 2026_12_07_04: entity and position as held on the roster; since when a focal
  // point is one; the focal point who added or withdrew the person (null: not a focal point).
  entity: Generated<string>;
  position: Generated<string>;
  focal_point_since: Instant | null;
  verified_by_participant_id: number | null;
  withdrawn_by_participant_id: number | null;
}

/** A city's own email domain (migration 2026_12_07_04): its addresses' holders are its officials. */
export interface CityEmailDomainsTable {
  id: Id;
  city_id: number;
  domain: string;
  added_by_organizer_id: number | null;
  added_at: CreatedAt;
}

export const officialMailKinds = ["details", "pending_notice"] as const;
export type OfficialMailKind = (typeof officialMailKinds)[number];
export const officialMailStatuses = ["sent", "held", "stopped", "released"] as const;
export type OfficialMailStatus = (typeof officialMailStatuses)[number];

/** Each mail an official's action caused (migration 2026_12_07_01), to cap and review them. */
export interface OfficialMailsTable {
  id: Id;
  participant_id: number;
  commitment_id: number;
  recipient: string;
  kind: OfficialMailKind;
  status: OfficialMailStatus;
  created_at: CreatedAt;
  decided_at: Instant | null;
  decided_by_organizer_id: number | null;
}

export const invitationStatuses = ["sent", "opened", "registered", "declined"] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

/** A city invited to an encounter (migration 2026_12_07_07); one row per encounter and city. */
export interface InvitationsTable {
  id: Id;
  encounter_id: number;
  city_id: number;
  status: Generated<InvitationStatus>;
  // The addressee: the city's focal point (a participant), or an address an organizer typed.
  focal_point_id: number | null;
  typed_email: string | null;
  // Part of the signed link: raising it voids the links mailed before.
  link_version: Generated<number>;
  sent_at: Instant;
  opened_at: Instant | null;
  responded_at: Instant | null;
  decline_reason: string | null;
  last_reminded_at: Instant | null;
  auto_reminded_at: Instant | null;
  withdrawn_at: Instant | null;
  invited_by_organizer_id: number | null;
  created_at: CreatedAt;
  updated_at: Instant;
}

export const questionKinds = ["short_text", "long_text", "one_choice", "many_choices", "yes_no", "number", "date"] as const;
export type QuestionKind = (typeof questionKinds)[number];

/** A question an encounter asks at registration (migration 2026_12_07_05). */
export interface RegistrationQuestionsTable {
  id: Id;
  encounter_id: number;
  kind: QuestionKind;
  required: Generated<number>;
  wording_es: string;
  wording_en: Generated<string>;
  help_es: Generated<string>;
  help_en: Generated<string>;
  // JSON: [{ code, es, en }] for the choice kinds; the codes are stable, answers store them.
  options: Generated<string>;
  position: Generated<number>;
  hidden: Generated<number>;
  // The question's code in the standard disaggregation set (sensitive answers); null: the organizers' own.
  standard_code: string | null;
  created_at: CreatedAt;
  updated_at: Generated<Instant>;
}

/** One registration's answer to one question, as text (see app/features/questions/answers.ts). */
export interface RegistrationAnswersTable {
  id: Id;
  registration_id: number;
  question_id: number;
  value: string;
  created_at: CreatedAt;
  updated_at: Generated<Instant>;
}

export const surveyModes = ["linked", "anonymous"] as const;
export type SurveyMode = (typeof surveyModes)[number];
/** The registration questions' kinds and the survey's own: a scale of 1 to 5. */
export const surveyQuestionKinds = [...questionKinds, "scale"] as const;
export type SurveyQuestionKind = (typeof surveyQuestionKinds)[number];

/** A survey of an encounter (migration 2026_12_07_11). */
export interface SurveysTable {
  id: Id;
  encounter_id: number;
  title_es: string;
  title_en: Generated<string>;
  intro_es: Generated<string>;
  intro_en: Generated<string>;
  mode: SurveyMode;
  opens_at: Instant;
  closes_at: Instant;
  mail_after_end: Generated<number>;
  mail_delay_hours: Generated<number>;
  // Days after the invitation to remind those who did not answer (linked surveys); 0: none.
  reminder_days: Generated<number>;
  // Once-only markers of the invitation and the reminder.
  invited_at: Instant | null;
  reminded_at: Instant | null;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Generated<Instant>;
}

/** A question of a survey: the registration questions' shape, and `per_session` (a scale per session). */
export interface SurveyQuestionsTable {
  id: Id;
  survey_id: number;
  kind: SurveyQuestionKind;
  required: Generated<number>;
  wording_es: string;
  wording_en: Generated<string>;
  help_es: Generated<string>;
  help_en: Generated<string>;
  options: Generated<string>;
  position: Generated<number>;
  hidden: Generated<number>;
  per_session: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Instant>;
}

/** One person's (linked) or one browser's (anonymous) answer to a survey. */
export interface SurveyResponsesTable {
  id: Id;
  survey_id: number;
  registration_id: number | null;
  browser_key: string | null;
  created_at: CreatedAt;
  updated_at: Generated<Instant>;
}

/** One value of a response: to a question, and to one session for the matrix. */
export interface SurveyAnswersTable {
  id: Id;
  response_id: number;
  question_id: number;
  agenda_item_id: number | null;
  value: string;
}

export interface CertificatesTable {
  id: Id;
  registration_id: number;
  code: string;
  issued_at: CreatedAt;
}

/** An encounter's certificate: its text in each language and whether it states the hours (migration 2026_12_07_10). */
export interface CertificateSettingsTable {
  encounter_id: number;
  text_es: Generated<string>;
  text_en: Generated<string>;
  show_hours: Generated<number>;
  updated_at: Generated<Instant>;
  updated_by: number | null;
}

/** An organizing institution's logo on an encounter's certificate (PNG or JPEG, stored under a random key). */
export interface CertificateLogosTable {
  id: Id;
  encounter_id: number;
  institution: string;
  file_key: string;
  content_type: string;
  width: number;
  height: number;
  size: number;
  position: Generated<number>;
  created_at: CreatedAt;
  created_by: number | null;
}

/** One of up to three people who sign an encounter's certificate; the signature image is optional. */
export interface CertificateSignatoriesTable {
  id: Id;
  encounter_id: number;
  name: string;
  title: Generated<string>;
  signature_key: string | null;
  signature_type: string | null;
  signature_width: number | null;
  signature_height: number | null;
  position: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Instant>;
}

/** An encounter's minutes (relatoría): the general record, its publication and the one notice. */
export interface EncounterMinutesTable {
  encounter_id: number;
  body: Generated<string>;
  published_at: Instant | null;
  published_by: number | null;
  notified_at: Instant | null;
  updated_at: Generated<Instant>;
  updated_by: number | null;
}

/** The record of one agenda item, when the minutes are written per session. */
export interface SessionMinutesTable {
  id: Id;
  encounter_id: number;
  agenda_item_id: number;
  body: Generated<string>;
  updated_at: Generated<Instant>;
  updated_by: number | null;
}

export const messageKinds = ["message", "reminder"] as const;
export type MessageKind = (typeof messageKinds)[number];
export const messageStatuses = ["draft", "scheduled", "sending", "sent", "cancelled"] as const;
export type MessageStatus = (typeof messageStatuses)[number];
export const messageCancelReasons = ["organizer", "no_recipients"] as const;
export type MessageCancelReason = (typeof messageCancelReasons)[number];

/** A message to an encounter's registrants, or one of its automatic reminders (migration 2026_12_07_06). */
export interface MessagesTable {
  id: Id;
  encounter_id: number;
  kind: Generated<MessageKind>;
  // A reminder's days before the encounter; null for a message. Unique per encounter: sent once.
  reminder_days: number | null;
  subject: Generated<string>;
  body: Generated<string>;
  // JSON of a Segment (app/features/messages/rules.ts).
  segment: string;
  status: Generated<MessageStatus>;
  send_at: Instant | null;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Generated<Instant>;
  claimed_by: string | null;
  claimed_at: Instant | null;
  sent_at: Instant | null;
  recipients: Generated<number>;
  cancelled_at: Instant | null;
  cancelled_by: number | null;
  cancel_reason: MessageCancelReason | null;
}

/** One person a message was queued for; `outbox_key` is their mail's idempotency key. */
export interface MessageDeliveriesTable {
  id: Id;
  message_id: number;
  registration_id: number;
  outbox_key: string;
  created_at: CreatedAt;
}

/** An encounter's reminder plan; an encounter without a row follows the defaults. */
export interface EncounterReminderSettingsTable {
  encounter_id: number;
  enabled: Generated<number>;
  days_before: Generated<string>;
  send_time: Generated<string>;
  what_to_bring: Generated<string>;
  updated_at: Generated<Instant>;
  updated_by: number | null;
}

export interface Database {
  cities: CitiesTable;
  organizers: OrganizersTable;
  sessions: SessionsTable;
  login_tokens: LoginTokensTable;
  rate_limits: RateLimitsTable;
  encounters: EncountersTable;
  encounter_city_places: EncounterCityPlacesTable;
  agenda_items: AgendaItemsTable;
  speakers: SpeakersTable;
  agenda_item_speakers: AgendaItemSpeakersTable;
  agenda_changes: AgendaChangesTable;
  agenda_notifications: AgendaNotificationsTable;
  participants: ParticipantsTable;
  registrations: RegistrationsTable;
  profile_change_requests: ProfileChangeRequestsTable;
  registration_imports: RegistrationImportsTable;
  materials: MaterialsTable;
  material_versions: MaterialVersionsTable;
  downloads: DownloadsTable;
  commitments: CommitmentsTable;
  commitment_updates: CommitmentUpdatesTable;
  follow_up_plans: FollowUpPlansTable;
  follow_up_events: FollowUpEventsTable;
  follow_up_runners: FollowUpRunnersTable;
  email_outbox: EmailOutboxTable;
  email_outbox_bodies: EmailOutboxBodiesTable;
  audit_log: AuditLogTable;
  certificates: CertificatesTable;
  invitations: InvitationsTable;
  registration_questions: RegistrationQuestionsTable;
  registration_answers: RegistrationAnswersTable;
  city_roster: CityRosterTable;
  city_email_domains: CityEmailDomainsTable;
  official_mails: OfficialMailsTable;
  messages: MessagesTable;
  message_deliveries: MessageDeliveriesTable;
  encounter_reminder_settings: EncounterReminderSettingsTable;
  public_versions: PublicVersionsTable;
  certificate_settings: CertificateSettingsTable;
  certificate_logos: CertificateLogosTable;
  certificate_signatories: CertificateSignatoriesTable;
  encounter_minutes: EncounterMinutesTable;
  session_minutes: SessionMinutesTable;
  surveys: SurveysTable;
  survey_questions: SurveyQuestionsTable;
  survey_responses: SurveyResponsesTable;
  survey_answers: SurveyAnswersTable;
}

export type City = Selectable<CitiesTable>;
export type Organizer = Selectable<OrganizersTable>;
export type Encounter = Selectable<EncountersTable>;
export type NewEncounter = Insertable<EncountersTable>;
export type EncounterUpdate = Updateable<EncountersTable>;
export type AgendaItem = Selectable<AgendaItemsTable>;
export type NewAgendaItem = Insertable<AgendaItemsTable>;
export type Participant = Selectable<ParticipantsTable>;
export type Registration = Selectable<RegistrationsTable>;
export type Material = Selectable<MaterialsTable>;
export type MaterialVersion = Selectable<MaterialVersionsTable>;
export type Commitment = Selectable<CommitmentsTable>;
export type CommitmentUpdate = Selectable<CommitmentUpdatesTable>;
export type FollowUpPlan = Selectable<FollowUpPlansTable>;
export type RegistrationQuestion = Selectable<RegistrationQuestionsTable>;
export type RegistrationAnswer = Selectable<RegistrationAnswersTable>;
export type OutboxMessage = Selectable<EmailOutboxTable>;
export type NewOutboxMessage = Insertable<EmailOutboxTable>;
export type Message = Selectable<MessagesTable>;
export type Survey = Selectable<SurveysTable>;
export type SurveyQuestionRow = Selectable<SurveyQuestionsTable>;
