import type { DB } from "~db/client";
import type { Encounter, Locale, RegistrationSource, RegistrationStatus } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { findCityByDane, findCityById } from "~/features/cities/queries.server";
import { actorOf, recordAudit } from "~/server/audit.server";
import { verifyAtCheckIn, withdrawAfterUndoneCheckIn, withdrawForCityChange } from "~/features/cities/roster.server";
import { findEncounterById } from "~/features/encounters/queries.server";
import { registrationWindow, type RegistrationWindow } from "~/features/encounters/rules";
import {
  countOtherActiveRegistrations,
  ensureParticipant,
  updateParticipantProfile,
  type ParticipantProfile,
} from "~/features/registrations/participants.server";
import {
  findRegistrationByCheckinCode,
  findRegistrationById,
  findRegistrationByTokenHash,
  findRegistrationFor,
  firstFittingWaitlisted,
  listParticipantRegistrations,
  markCheckedIn,
  nextWaitlistPosition,
  undoCheckIn,
  releasePlace,
  takePlace,
  waitlistRank,
  type RegistrationDetail,
} from "~/features/registrations/model.server";
import { getEnv } from "~/server/env.server";
import type { RateRule } from "~/server/rate-limit.server";
import type { OrganizerEditInput, RegistrationFieldErrors, SelfServiceInput } from "~/features/registrations/forms";
import {
  checkinQrPng,
  checkinUrl,
  isManageTokenShape,
  issueManageToken,
  manageTokenFor,
  manageTokenHash,
  newCheckinCode,
  normalizeCheckinCode,
} from "~/features/registrations/tokens.server";
import { enqueueEmail } from "~/features/mail/outbox.server";
import { isValidRecipient } from "~/features/mail/rules";
import { calendarFor, mailConfirmed, mailLine, mailWaitlisted } from "./mail.server";
import { hasDifferences, profileDifferences, requestProfileChanges } from "./profile-changes.server";
import { cityPlaces, type CityPlaces } from "./places.server";

// Registering, cancelling, promoting from the waiting list, and what each tells the person.
//
// Every change runs in one write transaction together with its outbox mail and audit entry:
// a refused or failed request leaves nothing behind, and a committed one cannot lose its mail.
// Places are taken with the conditional UPDATEs of the registrations model, so the encounter's
// capacity and each city's quota hold however many requests, from however many processes,
// arrive at the same instant. Past either limit the person joins the waiting list, whose order
// is a counter handed out in the same transaction; whenever a place frees up, the first person
// in line whose city still has room takes it, in the same transaction as the cancellation.

export interface PersonInput extends ParticipantProfile {
  email: string;
  cityDane: string;
  needs: string | null;
}

// `places`: what a new registration for the submitted city gets, read before this one took a
// place; the public form answers from it alone, the same whether the email was known or not.
export type RegisterOutcome =
  | { kind: "confirmed" | "waitlisted"; registrationId: number; token: string; rank: number | null; places: CityPlaces }
  | { kind: "duplicate"; registrationId: number; status: "confirmed" | "waitlisted"; mailed: boolean; places: CityPlaces }
  | { kind: "closed"; window: Exclude<RegistrationWindow, "open"> }
  | { kind: "full" }
  | { kind: "invalid"; errors: RegistrationFieldErrors };

export interface RegisterOptions {
  locale: Locale;
  source?: RegistrationSource;
  /** Organizers register people outside the window (walk-ins, imports). */
  ignoreWindow?: boolean;
  /** A walk-in must get a place or nothing: no waiting list at the door. */
  confirmedOnly?: boolean;
  /** Marks the arrival in the same transaction (walk-ins), by this organizer. */
  checkInBy?: number;
  /** Send the confirmation or waiting-list mail (imports may choose not to). */
  notify?: boolean;
  /** Mail the link again to someone already registered (the form does; imports do not). */
  mailDuplicates?: boolean;
  /** The organizer who entered the registration (import, walk-in): the person's consent is then pending. */
  registeredBy?: number;
  /** Who is acting, for the audit log; the participant themself by default. */
  actor?: string;
  now?: Date;
}

/**
 * Floods: per client address, enough for a venue whose whole audience shares one connection to
 * register a few hundred people within minutes (600 per 10 minutes, one a second sustained);
 * per email address, a few tries an hour, so nobody can bury an inbox in "you are registered" mail.
 */
export const registrationRateRules = {
  client: { limit: 600, windowMs: 10 * 60_000 },
  email: { limit: 8, windowMs: 60 * 60_000 },
} satisfies Record<string, RateRule>;

/** Manage links work until this long after the encounter ends; changes only until it starts. */
const manageLinkDaysAfterEnd = 30;
/** A second registration within this time after the first gets no second mail (a double click). */
const duplicateQuietMs = 10 * 60_000;

export function manageLinkUsable(encounter: Pick<Encounter, "ends_at">, now = new Date()): boolean {
  return now.getTime() < Date.parse(encounter.ends_at) + manageLinkDaysAfterEnd * 86_400_000;
}

export function registrationChangeable(encounter: Pick<Encounter, "starts_at" | "status">, now = new Date()): boolean {
  return encounter.status !== "closed" && now.getTime() < Date.parse(encounter.starts_at);
}

/** The manage token of a registration, derived again from its nonce (issuing one if it has none). */
async function tokenOf(trx: DB, reg: Pick<RegistrationDetail, "id" | "manage_nonce">): Promise<string> {
  if (reg.manage_nonce) return manageTokenFor(reg.manage_nonce);
  const issued = issueManageToken();
  await trx.updateTable("registrations").set({ manage_nonce: issued.nonce, manage_token_hash: issued.hash }).where("id", "=", reg.id).execute();
  return issued.token;
}

async function checkinCodeOf(trx: DB, reg: Pick<RegistrationDetail, "id" | "checkin_code">): Promise<string> {
  if (reg.checkin_code) return reg.checkin_code;
  const code = newCheckinCode();
  await trx.updateTable("registrations").set({ checkin_code: code }).where("id", "=", reg.id).execute();
  return code;
}

// ---- registering ----------------------------------------------------------------------------

/**
 * Registers a person for an encounter: a place if the encounter and the person's city both
 * have one, else the waiting list. Registering again with the same email makes nothing new:
 * the answer says so and the person's link is mailed to the address (not shown to whoever typed it).
 */
export async function registerForEncounter(db: DB, encounterId: number, person: PersonInput, options: RegisterOptions): Promise<RegisterOutcome> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const source = options.source ?? "form";
  const notify = options.notify ?? true;
  if (!isValidRecipient(person.email)) return { kind: "invalid", errors: { email: "email" } };
  const city = await findCityByDane(db, person.cityDane);
  if (!city) return { kind: "invalid", errors: { cityDane: "city" } };

  // The slow parts that do not need the lock: tokens, the QR image, the calendar.
  const manage = issueManageToken();
  const code = newCheckinCode();
  const current = await findEncounterById(db, encounterId);
  if (!current) return { kind: "closed", window: "closed" };
  const likelyConfirmed = current.confirmed_count < current.capacity;
  const qrPng = likelyConfirmed && notify ? await checkinQrPng(checkinUrl(current.slug, code)) : undefined;
  if (likelyConfirmed && notify) await calendarFor(db, current, options.locale);

  return writeTransaction(db, async (trx): Promise<RegisterOutcome> => {
    // Read again under the write lock: the status, window and counters as they are now.
    const encounter = await findEncounterById(trx, encounterId);
    if (!encounter) return { kind: "closed", window: "closed" };
    if (!options.ignoreWindow) {
      const window = registrationWindow(encounter, now);
      if (window !== "open") return { kind: "closed", window };
    }
    // Read before anything below takes a place: the answer to whoever sent the form.
    const places = await cityPlaces(trx, encounter, city);
    const { participant, created } = await ensureParticipant(trx, { ...person, cityId: city.id, locale: options.locale }, at);
    const existing = await findRegistrationFor(trx, encounter.id, participant.id);
    // The public form speaks for nobody: a known email keeps its stored profile and city, and
    // the address is asked by mail whether the submitted differences are theirs.
    const anonymous = source === "form";
    const storedCity = created ? city : ((await findCityById(trx, participant.city_id)) ?? city);
    const differences = anonymous && !created ? profileDifferences(participant, storedCity.name, person, city) : {};
    const askChanges = async (registrationId: number) => {
      if (!hasDifferences(differences)) return;
      await requestProfileChanges(trx, {
        participantId: participant.id,
        registrationId,
        email: participant.email,
        name: mailLine(participant.full_name, participant.email),
        locale: participant.locale,
        encounter,
        changes: differences,
        now,
      });
    };

    if (existing && existing.status !== "cancelled") {
      await askChanges(existing.id);
      return { ...(await duplicate(trx, encounter, existing, now, notify && (options.mailDuplicates ?? true))), places };
    }

    if (!created && !anonymous) {
      // A known email. Its profile follows the newest registration, unless the person is
      // registered elsewhere for another city: a city cannot change under a place it holds.
      const others = await countOtherActiveRegistrations(trx, participant.id, encounter.id);
      if (others > 0 && participant.city_id !== city.id) throw new Refused({ kind: "invalid", errors: { cityDane: "cityLocked" } });
      if (others === 0) await updateParticipantProfile(trx, participant.id, { ...person, cityId: city.id }, at);
      else await updateParticipantProfile(trx, participant.id, { ...person }, at);
    }

    // Anyone already waiting whose city has room goes first (capacity may have been raised).
    // Nobody has ever waited (the line's counter is 0) or no place is free: nothing to do.
    if (encounter.waitlist_seq > 0 && encounter.confirmed_count < encounter.capacity) {
      await promoteWaiting(trx, encounter, { now, actor: actorOf.system });
    }

    const placeCity = anonymous ? storedCity : city;
    const placesBefore = placeCity.id === city.id ? places : await cityPlaces(trx, encounter, placeCity);
    const confirmed = await takePlace(trx, encounter.id, placeCity.id);
    if (!confirmed && options.confirmedOnly) throw new Refused({ kind: "full" });
    const position = confirmed ? null : await nextWaitlistPosition(trx, encounter.id);
    const status: RegistrationStatus = confirmed ? "confirmed" : "waitlisted";
    const values = {
      status,
      waitlist_position: position,
      consent_at: at,
      // Consent is the person's own: entered by someone else, it waits for their first visit.
      consent_pending: anonymous ? 0 : 1,
      registered_by_organizer_id: options.registeredBy ?? null,
      needs: person.needs,
      checked_in_at: options.checkInBy !== undefined ? at : null,
      checked_in_by: options.checkInBy ?? null,
      manage_token_hash: manage.hash,
      manage_nonce: manage.nonce,
      checkin_code: code,
      locale: options.locale,
      source,
      updated_at: at,
      cancelled_at: null,
    };
    let registrationId: number;
    if (existing) {
      // Registering again after a cancellation: the same row comes back to life, with new keys.
      await trx.updateTable("registrations").set(values).where("id", "=", existing.id).where("status", "=", "cancelled").execute();
      registrationId = existing.id;
    } else {
      const row = await trx
        .insertInto("registrations")
        .values({ ...values, encounter_id: encounter.id, participant_id: participant.id, created_at: at })
        .returning("id")
        .executeTakeFirstOrThrow();
      registrationId = row.id;
    }
    const fullName = anonymous && !created ? participant.full_name : person.fullName;
    const reg = { id: registrationId, email: participant.email, full_name: fullName, locale: options.locale, checkin_code: code, consent_at: at };
    const rank = position === null ? null : await waitlistRank(trx, encounter.id, position);
    if (notify) {
      if (confirmed) await mailConfirmed(trx, reg, encounter, manage.token, { qrPng });
      else await mailWaitlisted(trx, reg, encounter, manage.token, position!, rank!, undefined, placesBefore);
    }
    await askChanges(registrationId);
    await recordAudit(trx, {
      actor: options.actor ?? actorOf.participant(participant.id),
      action: existing ? "registration.reactivate" : "registration.create",
      entity: "registration",
      entityId: registrationId,
      data: { encounterId: encounter.id, status, waitlistPosition: position, source, cityId: placeCity.id, checkedIn: options.checkInBy !== undefined },
    });
    if (options.checkInBy !== undefined && confirmed) await verifyAtCheckIn(trx, participant.id, options.checkInBy, at);
    return { kind: status, registrationId, token: manage.token, rank, places };
  }).catch((error: unknown) => {
    if (error instanceof Refused) return error.outcome;
    throw error;
  });
}

/** Thrown inside a transaction to roll back whatever it wrote and answer with a refusal. */
class Refused extends Error {
  constructor(readonly outcome: RegisterOutcome) {
    super(outcome.kind);
  }
}

async function duplicate(trx: DB, encounter: Encounter, existing: RegistrationDetail, now: Date, mail: boolean): Promise<Omit<Extract<RegisterOutcome, { kind: "duplicate" }>, "places">> {
  const status = existing.status as "confirmed" | "waitlisted";
  // Just registered (a double click, a reload): the first mail is on its way already.
  if (!mail || now.getTime() - Date.parse(existing.updated_at) < duplicateQuietMs) {
    return { kind: "duplicate", registrationId: existing.id, status, mailed: false };
  }
  // Otherwise the link goes to the address again, at most once an hour.
  const hour = now.toISOString().slice(0, 13);
  const token = await tokenOf(trx, existing);
  if (status === "confirmed") {
    const code = await checkinCodeOf(trx, existing);
    await mailConfirmed(trx, { ...existing, checkin_code: code }, encounter, token, { key: `registration:${existing.id}:resent:${hour}` });
  } else {
    const rank = await waitlistRank(trx, encounter.id, existing.waitlist_position!);
    await mailWaitlisted(trx, existing, encounter, token, existing.waitlist_position!, rank, `registration:${existing.id}:resent:${hour}`);
  }
  return { kind: "duplicate", registrationId: existing.id, status, mailed: true };
}

// ---- the waiting list -----------------------------------------------------------------------

/**
 * Fills free places from the waiting list, in order, skipping people whose city is at its
 * quota. Runs inside the caller's write transaction; returns the ids promoted.
 */
export async function promoteWaiting(trx: DB, encounter: Encounter, context: { now: Date; actor: string }): Promise<number[]> {
  const promoted: number[] = [];
  for (;;) {
    const fresh = await findEncounterById(trx, encounter.id);
    if (!fresh || fresh.confirmed_count >= fresh.capacity) break;
    const next = await firstFittingWaitlisted(trx, encounter.id);
    if (!next) break;
    if (!(await takePlace(trx, encounter.id, next.city_id))) break;
    await confirmFromWaitlist(trx, fresh, next.id, context);
    promoted.push(next.id);
  }
  return promoted;
}

/** Moves one waitlisted registration whose place is already taken to confirmed, and tells them. */
async function confirmFromWaitlist(trx: DB, encounter: Encounter, registrationId: number, context: { now: Date; actor: string; byHand?: boolean }) {
  const at = context.now.toISOString();
  const reg = await findRegistrationById(trx, registrationId);
  if (!reg || reg.status !== "waitlisted") throw new Error(`La inscripción ${registrationId} no está en lista de espera`);
  const position = reg.waitlist_position!;
  await trx
    .updateTable("registrations")
    .set({ status: "confirmed", waitlist_position: null, updated_at: at })
    .where("id", "=", registrationId)
    .where("status", "=", "waitlisted")
    .execute();
  const token = await tokenOf(trx, reg);
  const code = await checkinCodeOf(trx, reg);
  await mailConfirmed(trx, { ...reg, checkin_code: code }, encounter, token, { promotedFrom: position });
  await recordAudit(trx, {
    actor: context.actor,
    action: context.byHand ? "registration.promote_by_hand" : "registration.promote",
    entity: "registration",
    entityId: registrationId,
    data: { encounterId: encounter.id, fromPosition: position },
  });
}

/**
 * Gives the free places to the waiting line, first come first served within each city's quota
 * (after an organizer raised the capacity or a quota). Returns the ids confirmed.
 */
export async function fillFromWaitlist(db: DB, encounterId: number, organizerId: number, now = new Date()): Promise<number[]> {
  return writeTransaction(db, async (trx) => {
    const encounter = await findEncounterById(trx, encounterId);
    if (!encounter) return [];
    return promoteWaiting(trx, encounter, { now, actor: actorOf.organizer(organizerId) });
  });
}

export type PromoteResult = { ok: true } | { ok: false; reason: "notWaitlisted" | "full" | "cityFull" };

/** An organizer moves one person from the waiting list, ahead of the line; the city quota may be waived. */
export async function promoteByHand(db: DB, registrationId: number, organizerId: number, options: { ignoreCityQuota: boolean; now?: Date }): Promise<PromoteResult> {
  const now = options.now ?? new Date();
  return writeTransaction(db, async (trx) => {
    const reg = await findRegistrationById(trx, registrationId);
    if (!reg || reg.status !== "waitlisted") return { ok: false, reason: "notWaitlisted" } as const;
    const encounter = await findEncounterById(trx, reg.encounter_id);
    if (!encounter) return { ok: false, reason: "notWaitlisted" } as const;
    if (encounter.confirmed_count >= encounter.capacity) return { ok: false, reason: "full" } as const;
    if (!(await takePlace(trx, encounter.id, reg.city_id, { ignoreCityQuota: options.ignoreCityQuota }))) return { ok: false, reason: "cityFull" } as const;
    await confirmFromWaitlist(trx, encounter, reg.id, { now, actor: actorOf.organizer(organizerId), byHand: true });
    return { ok: true } as const;
  });
}

// ---- cancelling -----------------------------------------------------------------------------

export type CancelResult = { ok: true; promoted: number[] } | { ok: false; reason: "notActive" };

/** Cancels a confirmed or waitlisted registration; a freed place goes to the first who fits. */
export async function cancelRegistration(
  db: DB,
  registrationId: number,
  options: { actor: string; byOrganizer: boolean; reason?: string | null; notify?: boolean; now?: Date },
): Promise<CancelResult> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  return writeTransaction(db, async (trx): Promise<CancelResult> => {
    const reg = await findRegistrationById(trx, registrationId);
    if (!reg || reg.status === "cancelled") return { ok: false, reason: "notActive" };
    const encounter = await findEncounterById(trx, reg.encounter_id);
    if (!encounter) return { ok: false, reason: "notActive" };
    const changed = await trx
      .updateTable("registrations")
      .set({ status: "cancelled", waitlist_position: null, cancelled_at: at, updated_at: at })
      .where("id", "=", reg.id)
      .where("status", "=", reg.status)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) return { ok: false, reason: "notActive" };
    if (options.notify ?? true) {
      const appUrl = getEnv().appUrl;
      await enqueueEmail(trx, {
        key: `registration:${reg.id}:cancelled:${now.getTime()}`,
        to: reg.email,
        template: "registration-cancelled",
        locale: reg.locale,
        data: {
          name: mailLine(reg.full_name, reg.email),
          encounter: { title: mailLine(encounter.title, "Convoca"), url: `${appUrl}/encuentros/${encodeURIComponent(encounter.slug)}` },
          byOrganizer: options.byOrganizer,
          ...(options.reason ? { reason: options.reason } : {}),
          ...(registrationWindow(encounter, now) === "open" ? { registerUrl: `${appUrl}/encuentros/${encodeURIComponent(encounter.slug)}/registro` } : {}),
        },
      });
    }
    let promoted: number[] = [];
    if (reg.status === "confirmed") {
      await releasePlace(trx, encounter.id, reg.city_id);
      promoted = await promoteWaiting(trx, encounter, { now, actor: actorOf.system });
    }
    await recordAudit(trx, {
      actor: options.actor,
      action: "registration.cancel",
      entity: "registration",
      entityId: reg.id,
      data: { encounterId: encounter.id, from: reg.status, byOrganizer: options.byOrganizer, reason: options.reason ?? null, promoted },
    });
    return { ok: true, promoted };
  });
}

// ---- the manage link ------------------------------------------------------------------------

export type ManagedRegistration = { registration: RegistrationDetail; encounter: Encounter; changeable: boolean };

/** What a manage link opens, or null for a token that is malformed, unknown or past its time. */
export async function openManageLink(db: DB, token: string | undefined, now = new Date()): Promise<ManagedRegistration | null> {
  if (!isManageTokenShape(token)) return null;
  const registration = await findRegistrationByTokenHash(db, manageTokenHash(token));
  if (!registration) return null;
  const encounter = await findEncounterById(db, registration.encounter_id);
  if (!encounter || !manageLinkUsable(encounter, now)) return null;
  return { registration, encounter, changeable: registrationChangeable(encounter, now) };
}

/** All of a signed-in person's registrations, each with its manage link and place in line. */
export async function registrationsOfParticipant(db: DB, participantId: number) {
  let rows = await listParticipantRegistrations(db, participantId);
  if (rows.some((r) => !r.manage_nonce)) {
    // Registrations written before manage links were signed from a nonce get one now.
    await writeTransaction(db, async (trx) => {
      for (const row of rows) if (!row.manage_nonce) await tokenOf(trx, row);
    });
    rows = await listParticipantRegistrations(db, participantId);
  }
  return Promise.all(
    rows.map(async (row) => ({
      ...row,
      manageToken: manageTokenFor(row.manage_nonce!),
      rank: row.status === "waitlisted" && row.waitlist_position !== null ? await waitlistRank(db, row.encounter_id, row.waitlist_position) : null,
      usable: manageLinkUsable(row),
    })),
  );
}

/** The person corrects their own data from the manage link (the city and the email stay). */
export async function updateOwnRegistration(db: DB, registrationId: number, input: SelfServiceInput, now = new Date()): Promise<void> {
  const at = now.toISOString();
  await writeTransaction(db, async (trx) => {
    const reg = await findRegistrationById(trx, registrationId);
    if (!reg) return;
    await updateParticipantProfile(trx, reg.participant_id, { ...input, locale: input.locale }, at);
    await trx.updateTable("registrations").set({ needs: input.needs, locale: input.locale, updated_at: at }).where("id", "=", reg.id).execute();
    await recordAudit(trx, { actor: actorOf.participant(reg.participant_id), action: "registration.update", entity: "registration", entityId: reg.id, data: { fields: Object.keys(input) } });
  });
}

export type OrganizerEditResult = { ok: true } | { ok: false; errors: RegistrationFieldErrors };

/**
 * An organizer corrects someone's data. Changing the city moves a confirmed person's place to
 * the new city's quota (refused if it is full) and lets the old city's waiting list move up;
 * it is refused while the person holds registrations in other encounters.
 */
export async function updateRegistrationByOrganizer(db: DB, registrationId: number, input: OrganizerEditInput, organizerId: number, now = new Date()): Promise<OrganizerEditResult> {
  const at = now.toISOString();
  const city = await findCityByDane(db, input.cityDane);
  if (!city) return { ok: false, errors: { cityDane: "city" } };
  return writeTransaction(db, async (trx): Promise<OrganizerEditResult> => {
    const reg = await findRegistrationById(trx, registrationId);
    if (!reg) return { ok: false, errors: { _form: "invalid" } };
    const encounter = await findEncounterById(trx, reg.encounter_id);
    if (!encounter) return { ok: false, errors: { _form: "invalid" } };
    const moving = city.id !== reg.city_id;
    if (moving) {
      if ((await countOtherActiveRegistrations(trx, reg.participant_id, encounter.id)) > 0) return { ok: false, errors: { cityDane: "cityLocked" } };
      if (reg.status === "confirmed") {
        // Same encounter, other city: give the old place back, then take one in the new city.
        await releasePlace(trx, encounter.id, reg.city_id);
        if (!(await takePlace(trx, encounter.id, city.id))) throw new CityFull();
      }
    }
    await updateParticipantProfile(trx, reg.participant_id, { ...input, cityId: city.id }, at);
    // Authority was granted for the old city; it does not follow the person to the new one.
    if (moving) await withdrawForCityChange(trx, reg.participant_id, city.id, organizerId, at);
    await trx.updateTable("registrations").set({ needs: input.needs, updated_at: at }).where("id", "=", reg.id).execute();
    if (moving && reg.status === "confirmed") await promoteWaiting(trx, encounter, { now, actor: actorOf.system });
    await recordAudit(trx, {
      actor: actorOf.organizer(organizerId),
      action: "registration.update",
      entity: "registration",
      entityId: reg.id,
      data: { encounterId: encounter.id, cityFrom: reg.city_id, cityTo: city.id },
    });
    return { ok: true };
  }).catch((error: unknown) => {
    if (error instanceof CityFull) return { ok: false, errors: { cityDane: "cityFull" } } as OrganizerEditResult;
    throw error;
  });
}

class CityFull extends Error {}

// ---- check-in -------------------------------------------------------------------------------

export type CheckInResult =
  | { kind: "checkedIn"; registration: RegistrationDetail }
  | { kind: "already"; registration: RegistrationDetail; at: string }
  | { kind: "notConfirmed"; registration: RegistrationDetail }
  | { kind: "unknown" };

/** Marks one arrival. A second scan changes nothing and says when the person arrived. */
export async function checkIn(db: DB, encounterId: number, registrationId: number, organizerId: number, now = new Date()): Promise<CheckInResult> {
  const at = now.toISOString();
  return writeTransaction(db, async (trx): Promise<CheckInResult> => {
    const reg = await findRegistrationById(trx, registrationId);
    if (!reg || reg.encounter_id !== encounterId) return { kind: "unknown" };
    if (reg.status !== "confirmed") return { kind: "notConfirmed", registration: reg };
    if (reg.checked_in_at) return { kind: "already", registration: reg, at: reg.checked_in_at };
    if (!(await markCheckedIn(trx, reg.id, organizerId, at))) {
      const again = await findRegistrationById(trx, reg.id);
      return again?.checked_in_at ? { kind: "already", registration: again, at: again.checked_in_at } : { kind: "unknown" };
    }
    await recordAudit(trx, { actor: actorOf.organizer(organizerId), action: "registration.check_in", entity: "registration", entityId: reg.id, data: { encounterId } });
    await verifyAtCheckIn(trx, reg.participant_id, organizerId, at);
    return { kind: "checkedIn", registration: { ...reg, checked_in_at: at, checked_in_by: organizerId } };
  });
}

/** What a scan or a typed code finds: the check-in of that registration, or "unknown". */
export async function checkInByCode(db: DB, encounterId: number, scanned: string, organizerId: number, now = new Date()): Promise<CheckInResult> {
  const code = normalizeCheckinCode(scanned);
  if (!code) return { kind: "unknown" };
  const reg = await findRegistrationByCheckinCode(db, encounterId, code);
  if (!reg) return { kind: "unknown" };
  return checkIn(db, encounterId, reg.id, organizerId, now);
}

/** An arrival marked by mistake is taken back (audited). */
export async function undoArrival(db: DB, encounterId: number, registrationId: number, organizerId: number, now = new Date()): Promise<RegistrationDetail | null> {
  return writeTransaction(db, async (trx) => {
    const reg = await findRegistrationById(trx, registrationId);
    if (!reg || reg.encounter_id !== encounterId || !(await undoCheckIn(trx, reg.id, now.toISOString()))) return null;
    await recordAudit(trx, { actor: actorOf.organizer(organizerId), action: "registration.undo_check_in", entity: "registration", entityId: reg.id, data: { encounterId, was: reg.checked_in_at } });
    await withdrawAfterUndoneCheckIn(trx, reg.participant_id, organizerId, now.toISOString());
    return reg;
  });
}
