import type { Migration } from "kysely";
import * as initial from "./2026_11_29_01_initial";
import * as emailOutboxBodies from "./2026_11_29_02_email_outbox_bodies";
import * as agendaChanges from "./2026_11_29_03_agenda_changes";
import * as registrationDetails from "./2026_11_29_04_registration_details";
import * as commitmentFollowUp from "./2026_11_29_05_commitment_follow_up";
import * as materialsReceipts from "./2026_11_29_06_materials_receipts";
import * as certificates from "./2026_11_29_07_certificates";
import * as cityRoster from "./2026_12_07_01_city_roster";
import * as registrationConsent from "./2026_12_07_02_registration_consent";
import * as rateLimitHashes from "./2026_12_07_03_rate_limit_hashes";
import * as cityRosterMembers from "./2026_12_07_04_city_roster_members";
import * as registrationQuestions from "./2026_12_07_05_registration_questions";
import * as messages from "./2026_12_07_06_messages";
import * as invitations from "./2026_12_07_07_invitations";
import * as publicVersions from "./2026_12_07_08_public_versions";
import * as certificatesMinutes from "./2026_12_07_10_certificates_minutes";
import * as surveys from "./2026_12_07_11_surveys";

// A static list (not a folder scan) so that migrations run from inside the Remix build too.
// Names sort in the order they must run; append, never reorder.
export const migrations: Record<string, Migration> = {
  "2026_11_29_01_initial": initial,
  "2026_11_29_02_email_outbox_bodies": emailOutboxBodies,
  "2026_11_29_03_agenda_changes": agendaChanges,
  "2026_11_29_04_registration_details": registrationDetails,
  "2026_11_29_05_commitment_follow_up": commitmentFollowUp,
  "2026_11_29_06_materials_receipts": materialsReceipts,
  "2026_11_29_07_certificates": certificates,
  "2026_12_07_01_city_roster": cityRoster,
  "2026_12_07_02_registration_consent": registrationConsent,
  "2026_12_07_03_rate_limit_hashes": rateLimitHashes,
  "2026_12_07_04_city_roster_members": cityRosterMembers,
  "2026_12_07_05_registration_questions": registrationQuestions,
  "2026_12_07_06_messages": messages,
  "2026_12_07_07_invitations": invitations,
  "2026_12_07_08_public_versions": publicVersions,
  "2026_12_07_10_certificates_minutes": certificatesMinutes,
  "2026_12_07_11_surveys": surveys,
};
