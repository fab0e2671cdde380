import type { DB } from "~db/client";
import type { Encounter } from "~db/schema";
import { listCities } from "~/features/cities/queries.server";
import { focalPointsOfCities } from "~/features/cities/queries.server";
import { regionOf } from "~/features/invitations/regions";
import { awaitingAnswer, delegationPlaces, gridState, remindable, type GridState } from "~/features/invitations/rules";

// What the invitations area reads: an invitation with its city, the organizers' grid of the 32
// capitals, a city's delegation as it stands, and the invitations the automatic reminder may
// be due for. Reads only; a command may call them with its transaction.

export async function findInvitationById(db: DB, id: number) {
  return (
    (await db
      .selectFrom("invitations")
      .innerJoin("cities", "cities.id", "invitations.city_id")
      .selectAll("invitations")
      .select(["cities.name as city_name", "cities.dane as city_dane"])
      .where("invitations.id", "=", id)
      .executeTakeFirst()) ?? null
  );
}
export type InvitationDetail = NonNullable<Awaited<ReturnType<typeof findInvitationById>>>;

export async function findInvitationFor(db: DB, encounterId: number, cityId: number) {
  return (await db.selectFrom("invitations").selectAll().where("encounter_id", "=", encounterId).where("city_id", "=", cityId).executeTakeFirst()) ?? null;
}

export async function listInvitations(db: DB, encounterId: number) {
  return db.selectFrom("invitations").selectAll().where("encounter_id", "=", encounterId).orderBy("id").execute();
}

/** The people of a delegation still coming (confirmed or waiting), in the order they were registered. */
export async function delegationOf(db: DB, invitationId: number) {
  return db
    .selectFrom("registrations")
    .innerJoin("participants", "participants.id", "registrations.participant_id")
    .select([
      "registrations.id",
      "registrations.status",
      "registrations.waitlist_position",
      "registrations.consent_pending",
      "registrations.encounter_id",
      "participants.full_name",
      "participants.email",
      "participants.entity",
      "participants.position",
    ])
    .where("registrations.invitation_id", "=", invitationId)
    .where("registrations.status", "in", ["confirmed", "waitlisted"])
    .orderBy("registrations.created_at")
    .orderBy("registrations.id")
    .execute();
}
export type Delegate = Awaited<ReturnType<typeof delegationOf>>[number];

/** How many of a delegation are still coming. */
export async function activeDelegates(db: DB, invitationId: number): Promise<number> {
  const row = await db
    .selectFrom("registrations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("invitation_id", "=", invitationId)
    .where("status", "in", ["confirmed", "waitlisted"])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The confirmed places a city holds in an encounter (its delegation's and anyone else's of the city). */
export async function cityConfirmed(db: DB, encounterId: number, cityId: number): Promise<number> {
  const row = await db
    .selectFrom("encounter_city_places")
    .select("confirmed_count")
    .where("encounter_id", "=", encounterId)
    .where("city_id", "=", cityId)
    .executeTakeFirst();
  return row?.confirmed_count ?? 0;
}

export interface GridRow {
  cityId: number;
  dane: string;
  name: string;
  department: string;
  region: string | null;
  state: GridState;
  invitationId: number | null;
  focalPoints: Array<{ name: string; email: string }>;
  typedEmail: string | null;
  sentAt: string | null;
  openedAt: string | null;
  respondedAt: string | null;
  lastRemindedAt: string | null;
  declineReason: string | null;
  /** The delegation registered through the invitation: confirmed and waiting. */
  delegation: { confirmed: number; waitlisted: number };
  /** The city's confirmed places of its quota, whoever holds them. */
  places: { taken: number; quota: number };
  remindable: boolean;
  /** Sent or opened and not answered: a reminder may go (once a day). */
  awaiting: boolean;
}

/**
 * The 32 capitals with each one's invitation state for the encounter. Five small reads (cities,
 * invitations, focal points, the delegations' counts by the invitation index, the city places
 * counters), whatever the number of registrations.
 */
export async function invitationGrid(db: DB, encounter: Pick<Encounter, "id" | "city_quota">, now = new Date()): Promise<GridRow[]> {
  const [cities, invitations, focalPoints, places] = await Promise.all([
    listCities(db),
    listInvitations(db, encounter.id),
    focalPointsOfCities(db),
    db.selectFrom("encounter_city_places").select(["city_id", "confirmed_count"]).where("encounter_id", "=", encounter.id).execute(),
  ]);
  const ids = invitations.map((i) => i.id);
  const counts =
    ids.length === 0
      ? []
      : await db
          .selectFrom("registrations")
          .select((eb) => ["invitation_id", "status", eb.fn.countAll<number>().as("n")])
          .where("invitation_id", "in", ids)
          .where("status", "in", ["confirmed", "waitlisted"])
          .groupBy(["invitation_id", "status"])
          .execute();
  const byCity = new Map(invitations.map((i) => [i.city_id, i]));
  const taken = new Map(places.map((p) => [p.city_id, p.confirmed_count]));
  const delegation = new Map<number, { confirmed: number; waitlisted: number }>();
  for (const c of counts) {
    const d = delegation.get(c.invitation_id!) ?? { confirmed: 0, waitlisted: 0 };
    if (c.status === "confirmed") d.confirmed = Number(c.n);
    else d.waitlisted = Number(c.n);
    delegation.set(c.invitation_id!, d);
  }
  return cities.map((city) => {
    const inv = byCity.get(city.id);
    const state = gridState(inv);
    const live = state !== "not_invited" ? inv! : null;
    return {
      cityId: city.id,
      dane: city.dane,
      name: city.name,
      department: city.department,
      region: regionOf(city.dane),
      state,
      invitationId: inv?.id ?? null,
      focalPoints: (focalPoints.get(city.id) ?? []).map((f) => ({ name: f.fullName, email: f.email })),
      typedEmail: inv?.typed_email ?? null,
      sentAt: live?.sent_at ?? null,
      openedAt: live?.opened_at ?? null,
      respondedAt: live?.responded_at ?? null,
      lastRemindedAt: live?.last_reminded_at ?? null,
      declineReason: live?.status === "declined" ? live.decline_reason : null,
      delegation: (inv && delegation.get(inv.id)) ?? { confirmed: 0, waitlisted: 0 },
      places: { taken: taken.get(city.id) ?? 0, quota: encounter.city_quota },
      remindable: live ? remindable(live, now) : false,
      awaiting: live ? awaitingAnswer(live) : false,
    };
  });
}

/** The city's places as its delegation page says them. */
export async function placesForDelegation(db: DB, encounter: Pick<Encounter, "id" | "city_quota" | "capacity" | "confirmed_count">, cityId: number) {
  return delegationPlaces({
    quota: encounter.city_quota,
    cityConfirmed: await cityConfirmed(db, encounter.id, cityId),
    encounterLeft: Math.max(0, encounter.capacity - encounter.confirmed_count),
  });
}

/** Invitations the automatic reminder may be due for (the rule decides): published encounters, still open, no reminder yet. */
export async function autoReminderCandidates(db: DB, now: Date) {
  return db
    .selectFrom("invitations")
    .innerJoin("encounters", "encounters.id", "invitations.encounter_id")
    .selectAll("invitations")
    .select(["encounters.status as encounter_status", "encounters.registration_closes_at", "encounters.invitation_reminder_days"])
    .where("encounters.status", "=", "published")
    .where("encounters.registration_closes_at", ">", now.toISOString())
    .where("encounters.invitation_reminder_days", ">", 0)
    .where("invitations.auto_reminded_at", "is", null)
    .where("invitations.withdrawn_at", "is", null)
    .where("invitations.status", "in", ["sent", "opened"])
    .orderBy("invitations.id")
    .execute();
}

/** The organizers' contact addresses of the encounters open now, for a page that cannot tell which encounter it is about. */
export async function openEncounterContacts(db: DB, now = new Date()): Promise<string[]> {
  const rows = await db
    .selectFrom("encounters")
    .select("contact_email")
    .where("status", "=", "published")
    .where("ends_at", ">", now.toISOString())
    .where("contact_email", "is not", null)
    .orderBy("starts_at")
    .limit(10)
    .execute();
  return [...new Set(rows.map((r) => r.contact_email!))].slice(0, 3);
}
