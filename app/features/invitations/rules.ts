import type { InvitationStatus } from "~db/schema";

// Pure rules of invitations and delegations: what the grid shows for a city, who may be
// reminded and when, and how a delegation's rows and places are read. No I/O.

/** What the organizers' grid shows for a city: an invitation's status, or none. */
export type GridState = "not_invited" | InvitationStatus;

export interface InvitationFacts {
  status: InvitationStatus;
  sent_at: string;
  last_reminded_at: string | null;
  auto_reminded_at: string | null;
  withdrawn_at: string | null;
}

/** A withdrawn invitation is no invitation: the city shows as not invited, and may be invited again. */
export function gridState(invitation: Pick<InvitationFacts, "status" | "withdrawn_at"> | null | undefined): GridState {
  if (!invitation || invitation.withdrawn_at !== null) return "not_invited";
  return invitation.status;
}

/** Sent or opened, never answered (no delegation, no decline) and not withdrawn. */
export function awaitingAnswer(invitation: Pick<InvitationFacts, "status" | "withdrawn_at">): boolean {
  return invitation.withdrawn_at === null && (invitation.status === "sent" || invitation.status === "opened");
}

/** A city hears from the organizers at most once in this long (the invitation counts as a mail). */
export const reminderGapMs = 24 * 60 * 60_000;

/** The last time a mail about this invitation went to the city: the invitation or a reminder. */
export function lastMailedAt(invitation: Pick<InvitationFacts, "sent_at" | "last_reminded_at" | "auto_reminded_at">): string {
  return [invitation.sent_at, invitation.last_reminded_at, invitation.auto_reminded_at]
    .filter((t): t is string => t !== null)
    .sort()
    .at(-1)!;
}

/** Whether "remind all not answered" sends this city a reminder now: waiting, and no mail in the last day. */
export function remindable(invitation: InvitationFacts, now: Date): boolean {
  return awaitingAnswer(invitation) && now.getTime() - Date.parse(lastMailedAt(invitation)) >= reminderGapMs;
}

/** The instant the automatic reminder becomes due; null when the encounter has none. */
export function autoReminderAt(encounter: { registration_closes_at: string | null; invitation_reminder_days: number }): Date | null {
  if (!encounter.registration_closes_at || encounter.invitation_reminder_days <= 0) return null;
  return new Date(Date.parse(encounter.registration_closes_at) - encounter.invitation_reminder_days * 86_400_000);
}

/**
 * Whether the automatic reminder goes to this city now: once per invitation (never after it
 * went), from its day until registration closes, to a city that has not answered and heard
 * nothing in the last day (a reminder an organizer sent by hand this morning defers it).
 */
export function autoReminderDue(
  invitation: InvitationFacts,
  encounter: { status: string; registration_closes_at: string | null; invitation_reminder_days: number },
  now: Date,
): boolean {
  const at = autoReminderAt(encounter);
  if (!at || encounter.status !== "published" || invitation.auto_reminded_at !== null) return false;
  if (now.getTime() < at.getTime() || now.getTime() >= Date.parse(encounter.registration_closes_at!)) return false;
  return remindable(invitation, now);
}

/** One row of the delegation form as read: each field blank (null) or typed. */
export interface DelegateRowInput {
  fullName: string | null;
  email: string | null;
  entity: string | null;
  position: string | null;
}

/** A row left entirely blank is not a person: the form offers more rows than people come. */
export function isBlankRow(row: Partial<DelegateRowInput> | null | undefined): boolean {
  if (!row) return true;
  return [row.fullName, row.email, row.entity, row.position].every((v) => v === null || v === undefined || String(v).trim() === "");
}

/** How many empty rows the delegation form starts with: one per free place, at least one, at most five. */
export function startingRows(placesLeft: number): number {
  return Math.min(5, Math.max(1, placesLeft));
}

/** Most people one submission registers: a city's places are a handful, a few more may wait. */
export const maxDelegateRows = 20;

/** The city's places as the delegation page says them. */
export interface DelegationPlaces {
  quota: number;
  /** Confirmed places of the city, its delegation's and anyone else's of the city. */
  taken: number;
  /** Places of the city still free, limited by the encounter's own. */
  left: number;
}

export function delegationPlaces(input: { quota: number; cityConfirmed: number; encounterLeft: number }): DelegationPlaces {
  const cityLeft = Math.max(0, input.quota - input.cityConfirmed);
  return { quota: input.quota, taken: input.cityConfirmed, left: Math.max(0, Math.min(cityLeft, input.encounterLeft)) };
}

/** What one registering of a delegation did, said plainly after it. */
export interface DelegationTally {
  confirmed: number;
  waitlisted: number;
  /** Already registered for the encounter (now counted in the delegation, nothing new written). */
  already: number;
}

export function tally(outcomes: Array<"confirmed" | "waitlisted" | "already">): DelegationTally {
  return {
    confirmed: outcomes.filter((o) => o === "confirmed").length,
    waitlisted: outcomes.filter((o) => o === "waitlisted").length,
    already: outcomes.filter((o) => o === "already").length,
  };
}

/** Cities are invited to a published encounter that has not ended; drafts are not announced yet. */
export function acceptsInvitations(encounter: { status: string; ends_at: string }, now: Date): boolean {
  return encounter.status === "published" && now.getTime() < Date.parse(encounter.ends_at);
}

/** A delegation link works until the encounter ends (or is closed); then it says it expired. */
export function delegationLinkExpired(encounter: { status: string; ends_at: string }, now: Date): boolean {
  return encounter.status === "closed" || now.getTime() >= Date.parse(encounter.ends_at);
}
