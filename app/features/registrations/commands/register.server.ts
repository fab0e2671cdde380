import type { DB } from "~db/client";
import type { Encounter, Locale, RegistrationSource, RegistrationStatus } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { actorOf, recordAudit } from "~/server/audit.server";
import { findCityByDane, findCityById } from "~/features/cities/queries.server";
import { verifyAtCheckIn } from "~/features/cities/commands.server";
import { findEncounterById } from "~/features/encounters/queries.server";
import { registrationWindow, type RegistrationWindow } from "~/features/encounters/rules";
import { isValidRecipient } from "~/features/mail/rules";
import { calendarFor } from "~/features/registrations/calendar.server";
import { checkinCodeOf, tokenOf } from "~/features/registrations/commands/keys.server";
import { mailConfirmed, mailLine, mailWaitlisted } from "~/features/registrations/commands/mail.server";
import { ensureParticipant, type ParticipantProfile, updateParticipantProfile } from "~/features/registrations/commands/participants.server";
import { nextWaitlistPosition, takePlace } from "~/features/registrations/commands/places.server";
import { requestProfileChanges } from "~/features/registrations/commands/profile-changes.server";
import { promoteWaiting } from "~/features/registrations/commands/waitlist.server";
import type { ParsedAnswers } from "~/features/questions/answers";
import { saveAnswers } from "~/features/questions/commands.server";
import { cityPlaces, countOtherActiveRegistrations, findRegistrationFor, type RegistrationDetail, waitlistRank } from "~/features/registrations/queries.server";
import { type CityPlaces, hasDifferences, profileDifferences, type RegistrationFieldErrors } from "~/features/registrations/rules";
import { checkinQrPng, checkinUrl, issueManageToken, newCheckinCode } from "~/features/registrations/tokens.server";

// Registering a person for an encounter.
//
// Every change runs in one write transaction together with its outbox mail and audit entry:
// a refused or failed request leaves nothing behind, and a committed one cannot lose its mail.
// Places are taken with the conditional UPDATEs of commands/places, so the encounter's
// capacity and each city's quota hold however many requests, from however many processes,
// arrive at the same instant. Past either limit the person joins the waiting list, whose order
// is a counter handed out in the same transaction.

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
  /**
   * A city's delegation (source "delegation"): the invitation the registration belongs to and
   * the focal point it was addressed to; the mail says the city's focal point registered them.
   */
  delegation?: { invitationId: number; focalPointId: number | null; cityName: string };
  /**
   * Replacing a delegate: the person takes over the place (or the place in line) the one they
   * replace held, cancelled in the same transaction by the caller, instead of a new one.
   */
  takeOver?: { status: "confirmed" | "waitlisted"; waitlistPosition: number | null };
  /** Answers to the encounter's questions (parseAnswers), kept with a new or renewed registration, never on a duplicate. */
  answers?: ParsedAnswers;
  now?: Date;
}

/** A second registration within this time after the first gets no second mail (a double click). */
const duplicateQuietMs = 10 * 60_000;

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
    // A person written a moment ago has no registration yet: one read fewer under the lock.
    const existing = created ? null : await findRegistrationFor(trx, encounter.id, participant.id);
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
    if (!options.takeOver && encounter.waitlist_seq > 0 && encounter.confirmed_count < encounter.capacity) {
      await promoteWaiting(trx, encounter, { now, actor: actorOf.system });
    }

    const placeCity = anonymous ? storedCity : city;
    const placesBefore = placeCity.id === city.id ? places : await cityPlaces(trx, encounter, placeCity);
    const confirmed = options.takeOver ? options.takeOver.status === "confirmed" : await takePlace(trx, encounter.id, placeCity.id);
    if (!confirmed && options.confirmedOnly) throw new Refused({ kind: "full" });
    const position = confirmed ? null : (options.takeOver?.waitlistPosition ?? (await nextWaitlistPosition(trx, encounter.id)));
    const status: RegistrationStatus = confirmed ? "confirmed" : "waitlisted";
    const values = {
      status,
      waitlist_position: position,
      consent_at: at,
      // Consent is the person's own: entered by someone else, it waits for their first visit.
      consent_pending: anonymous ? 0 : 1,
      registered_by_organizer_id: options.registeredBy ?? null,
      invitation_id: options.delegation?.invitationId ?? null,
      registered_by_participant_id: options.delegation?.focalPointId ?? null,
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
    if (options.answers) await saveAnswers(trx, registrationId, options.answers, now);
    const fullName = anonymous && !created ? participant.full_name : person.fullName;
    const reg = {
      id: registrationId,
      participant_id: participant.id,
      email: participant.email,
      full_name: fullName,
      locale: options.locale,
      checkin_code: code,
      consent_at: at,
    };
    const rank = position === null ? null : await waitlistRank(trx, encounter.id, position);
    const delegation = options.delegation ? { city: options.delegation.cityName } : undefined;
    if (notify) {
      if (confirmed) await mailConfirmed(trx, reg, encounter, manage.token, { qrPng, delegation });
      else await mailWaitlisted(trx, reg, encounter, manage.token, position!, rank!, undefined, placesBefore, delegation);
    }
    await askChanges(registrationId);
    await recordAudit(trx, {
      actor: options.actor ?? actorOf.participant(participant.id),
      action: existing ? "registration.reactivate" : "registration.create",
      entity: "registration",
      entityId: registrationId,
      data: {
        encounterId: encounter.id,
        status,
        waitlistPosition: position,
        source,
        cityId: placeCity.id,
        checkedIn: options.checkInBy !== undefined,
        ...(options.delegation ? { invitationId: options.delegation.invitationId, takeOver: options.takeOver !== undefined } : {}),
      },
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

async function duplicate(
  trx: DB,
  encounter: Encounter,
  existing: RegistrationDetail,
  now: Date,
  mail: boolean,
): Promise<Omit<Extract<RegisterOutcome, { kind: "duplicate" }>, "places">> {
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
