import type { DB } from "~db/client";
import type { Locale } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { actorOf, recordAudit } from "~/server/audit.server";
import { findCityByDane } from "~/features/cities/queries.server";
import { withdrawForCityChange } from "~/features/cities/commands.server";
import { findEncounterById } from "~/features/encounters/queries.server";
import { updateParticipantProfile, type ParticipantProfile } from "~/features/registrations/commands/participants.server";
import { releasePlace, takePlace } from "~/features/registrations/commands/places.server";
import { promoteWaiting } from "~/features/registrations/commands/waitlist.server";
import { countOtherActiveRegistrations, findRegistrationById } from "~/features/registrations/queries.server";
import type { RegistrationFieldErrors } from "~/features/registrations/rules";

// Corrections of a registration's data: by the person from their manage link, or by an
// organizer (who may also move them to another city).

/** What the person may correct themself: the city and the email stay. */
export interface OwnDataChanges extends ParticipantProfile {
  needs: string | null;
  locale: Locale;
}

/** What an organizer may correct, the city (by its DANE code) included. */
export interface OrganizerCorrection extends ParticipantProfile {
  cityDane: string;
  needs: string | null;
}

/** The person corrects their own data from the manage link (the city and the email stay). */
export async function updateOwnRegistration(db: DB, registrationId: number, input: OwnDataChanges, now = new Date()): Promise<void> {
  const at = now.toISOString();
  await writeTransaction(db, async (trx) => {
    const reg = await findRegistrationById(trx, registrationId);
    if (!reg) return;
    await updateParticipantProfile(trx, reg.participant_id, { ...input, locale: input.locale }, at);
    await trx.updateTable("registrations").set({ needs: input.needs, locale: input.locale, updated_at: at }).where("id", "=", reg.id).execute();
    await recordAudit(trx, {
      actor: actorOf.participant(reg.participant_id),
      action: "registration.update",
      entity: "registration",
      entityId: reg.id,
      data: { fields: Object.keys(input) },
    });
  });
}

export type OrganizerEditResult = { ok: true } | { ok: false; errors: RegistrationFieldErrors };

/**
 * An organizer corrects someone's data. Changing the city moves a confirmed person's place to
 * the new city's quota (refused if it is full) and lets the old city's waiting list move up;
 * it is refused while the person holds registrations in other encounters.
 */
export async function updateRegistrationByOrganizer(
  db: DB,
  registrationId: number,
  input: OrganizerCorrection,
  organizerId: number,
  now = new Date(),
): Promise<OrganizerEditResult> {
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
