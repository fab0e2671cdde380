import type { Encounter } from "~db/schema";
import { formatDateTime } from "~/lib/time";
import type { Cell, Sheet } from "~/server/spreadsheet.server";
import type { listForOrganizers } from "~/features/registrations/queries.server";
import type { Messages } from "~/i18n/index";

// The organizers' list as spreadsheet rows (CSV and XLSX), and the attendance list.

type Rows = Awaited<ReturnType<typeof listForOrganizers>>;

/** Columns after the registration's own: one per registration question (features/questions/export.server). */
export interface ExtraColumns {
  header: Cell[];
  cells: (registrationId: number) => Cell[];
}

/** One header row and one row per registration, in the reader's language, times in the encounter's zone. */
export function registrationRows(
  rows: Rows,
  encounter: Pick<Encounter, "timezone">,
  t: Messages["registration"],
  locale: "es" | "en",
  extra?: ExtraColumns,
): Cell[][] {
  const c = t.admin.columns;
  const header: Cell[] = [
    c.person,
    c.email,
    c.city,
    "DANE",
    c.entity,
    c.position,
    c.phone,
    c.status,
    c.position_,
    c.needs,
    c.registeredAt,
    c.checkedInAt,
    c.source,
    ...(extra?.header ?? []),
  ];
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
      ...(extra?.cells(r.id) ?? []),
    ]),
  ];
}

export function registrationSheets(
  rows: Rows,
  encounter: Pick<Encounter, "timezone">,
  t: Messages["registration"],
  locale: "es" | "en",
  extra?: ExtraColumns,
): Sheet[] {
  return [{ name: t.admin.nav, rows: registrationRows(rows, encounter, t, locale, extra) }];
}

/** The attendance list: confirmed people by city, with their arrival time (or none). */
export function attendanceRows(rows: Rows, encounter: Pick<Encounter, "timezone">, t: Messages["registration"], locale: "es" | "en"): Cell[][] {
  const c = t.admin.columns;
  return [
    [c.city, c.person, c.email, c.entity, c.position, t.checkin.arrivedAt],
    ...rows
      .filter((r) => r.status === "confirmed")
      .sort((a, b) => a.city_name.localeCompare(b.city_name, "es") || a.full_name.localeCompare(b.full_name, "es"))
      .map((r): Cell[] => [
        r.city_name,
        r.full_name,
        r.email,
        r.entity,
        r.position,
        r.checked_in_at ? formatDateTime(r.checked_in_at, encounter.timezone, locale) : t.checkin.notArrived,
      ]),
  ];
}
