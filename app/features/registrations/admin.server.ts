import type { DB } from "~db/client";
import type { Encounter } from "~db/schema";
import type { Messages } from "~/i18n";
import { findCityByDane } from "~/features/cities/queries.server";
import { listRegistrations, type RegistrationFilters } from "~/features/registrations/model.server";
import type { RegistrationListFilters } from "~/features/registrations/forms";
import type { Cell, Sheet } from "~/server/spreadsheet.server";
import { formatDateTime } from "~/lib/time";

// What the organizers' pages read: the filtered list, and the same list as spreadsheet rows.

export async function listForOrganizers(db: DB, encounterId: number, filters: RegistrationListFilters) {
  const modelFilters: RegistrationFilters = {};
  if (filters.status) modelFilters.status = filters.status;
  if (filters.arrived) modelFilters.checkedIn = filters.arrived === "si" ? "yes" : "no";
  if (filters.city) {
    const city = await findCityByDane(db, filters.city);
    // An unknown city code matches nobody rather than everybody.
    modelFilters.cityId = city?.id ?? -1;
  }
  const rows = await listRegistrations(db, encounterId, modelFilters);
  if (!filters.q) return rows;
  // Searched here rather than in SQL: "gomez" finds "Gómez" and "ÑÁÑEZ" finds "Ñáñez", which
  // SQL's lower() and LIKE do not do beyond ASCII; one encounter's list is a few hundred rows.
  const words = fold(filters.q).split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    const haystack = fold(`${r.full_name} ${r.email} ${r.entity} ${r.position} ${r.checkin_code ?? ""}`);
    return words.every((w) => haystack.includes(w));
  });
}

export function fold(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

type Rows = Awaited<ReturnType<typeof listForOrganizers>>;

/** One header row and one row per registration, in the reader's language, times in the encounter's zone. */
export function registrationRows(rows: Rows, encounter: Pick<Encounter, "timezone">, t: Messages["registration"], locale: "es" | "en"): Cell[][] {
  const c = t.admin.columns;
  const header: Cell[] = [c.person, c.email, c.city, "DANE", c.entity, c.position, c.phone, c.status, c.position_, c.needs, c.registeredAt, c.checkedInAt, c.source];
  return [
    header,
    ...rows.map((r): Cell[] => [
      r.full_name,
      r.email,
      r.city_name,
      r.city_dane,
      r.entity,
      r.position,
      r.phone,
      t.statuses[r.status],
      r.waitlist_position,
      r.needs,
      formatDateTime(r.consent_at, encounter.timezone, locale),
      r.checked_in_at ? formatDateTime(r.checked_in_at, encounter.timezone, locale) : null,
      t.sources[r.source],
    ]),
  ];
}

export function registrationSheets(rows: Rows, encounter: Pick<Encounter, "timezone">, t: Messages["registration"], locale: "es" | "en"): Sheet[] {
  return [{ name: t.admin.nav, rows: registrationRows(rows, encounter, t, locale) }];
}

/** The attendance list: confirmed people by city, with their arrival time (or none). */
export function attendanceRows(rows: Rows, encounter: Pick<Encounter, "timezone">, t: Messages["registration"], locale: "es" | "en"): Cell[][] {
  const c = t.admin.columns;
  return [
    [c.city, c.person, c.email, c.entity, c.position, t.checkin.arrivedAt],
    ...rows
      .filter((r) => r.status === "confirmed")
      .sort((a, b) => a.city_name.localeCompare(b.city_name, "es") || a.full_name.localeCompare(b.full_name, "es"))
      .map((r): Cell[] => [r.city_name, r.full_name, r.email, r.entity, r.position, r.checked_in_at ? formatDateTime(r.checked_in_at, encounter.timezone, locale) : t.checkin.notArrived]),
  ];
}
