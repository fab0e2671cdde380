import type { DB } from "~db/client";
import type { Encounter } from "~db/schema";
import { signMaterialLink } from "~/server/signed-links.server";
import { listAgenda } from "~/features/agenda/queries.server";
import { listMaterials } from "~/features/materials/queries.server";
import { accessFor } from "~/features/materials/rules";
import type { RegistrationDetail } from "~/features/registrations/queries.server";

// The person's home for one encounter, opened from their personal link: the agenda and its
// calendar, the materials they may open (each with a signed personal download link, so no
// second sign-in), and their certificate once they attended.

/** Download links on the page are fresh at each visit, so they need not live long. */
export const homeLinkHours = 24;

export async function encounterHome(db: DB, reg: RegistrationDetail, encounter: Encounter, manageToken: string, now = new Date()) {
  const [agenda, materials] = await Promise.all([listAgenda(db, encounter.id), listMaterials(db, encounter.id)]);
  const standing = { registered: reg.status !== "cancelled", attended: reg.checked_in_at !== null };
  const expiresAt = new Date(now.getTime() + homeLinkHours * 3_600_000);
  return {
    agenda: agenda.map((item) => ({ id: item.id, title: item.title, kind: item.kind, room: item.room, startsAt: item.starts_at, endsAt: item.ends_at })),
    calendarUrl: `/encuentros/${encodeURIComponent(encounter.slug)}/agenda.ics`,
    agendaUrl: `/encuentros/${encodeURIComponent(encounter.slug)}/agenda`,
    materials: materials.map((m) => {
      const access = accessFor(m.visibility, { organizer: false, participant: true }, standing);
      return {
        id: m.id,
        title: m.title,
        description: m.description,
        visibility: m.visibility,
        // Bound to this person and this material, checked again (standing included) at download.
        url: access === "allowed" ? `/d/${signMaterialLink({ participantId: reg.participant_id, materialId: m.id, expiresAt })}` : null,
        afterCheckIn: access === "attend",
      };
    }),
    certificateUrl: reg.checked_in_at ? `/certificados/${reg.id}?t=${encodeURIComponent(manageToken)}` : null,
  };
}

export type EncounterHome = Awaited<ReturnType<typeof encounterHome>>;
