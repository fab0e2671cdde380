import type { Messages } from "~/i18n/index";
import type { HistoryEntry } from "~/features/commitments/queries/commitment.server";
import type { ListedCommitment } from "~/features/commitments/queries/lists.server";
import { localDate } from "~/lib/calendar-date";
import type { Cell, Sheet } from "~/server/spreadsheet.server";
import { utcToWallTime } from "~/lib/time";

// The organizers' export: one row per commitment (what the list shows, with every column), and
// for the workbook a second sheet with the history of each, oldest first. Times are written in
// the commitment's encounter zone, as "2024-02-29 08:00", which a spreadsheet sorts and reads.

function wallTime(instant: string, zone: string): string {
  const { date, time } = utcToWallTime(instant, zone);
  return `${date} ${time}`;
}

type T = Messages["commitments"];

export function commitmentRows(list: ListedCommitment[], t: T): Cell[][] {
  const c = t.columns;
  const header: Cell[] = [
    c.id,
    c.city,
    c.encounter,
    c.commitment,
    c.instrument,
    c.theme,
    c.status,
    c.progress,
    c.due,
    c.next,
    c.responsible,
    c.responsibleEmail,
    c.validated,
    c.remindersStopped,
    c.updated,
  ];
  return [
    header,
    ...list.map((r) => [
      r.id,
      r.cityName,
      r.encounterTitle,
      r.title,
      t.instrumentsShort[r.instrument],
      t.themes[r.theme],
      r.overdue ? `${t.statuses[r.status]} (${t.detail.overdue})` : t.statuses[r.status],
      r.progress,
      r.dueDate,
      r.nextReminderOn ?? "",
      r.responsibleName,
      r.responsibleEmail,
      r.validatedAt ? localDate(r.validatedAt, r.encounterTimezone) : "",
      r.remindersStoppedAt ? localDate(r.remindersStoppedAt, r.encounterTimezone) : "",
      wallTime(r.updatedAt, r.encounterTimezone),
    ]),
  ];
}

export function historyRows(list: ListedCommitment[], history: Array<HistoryEntry & { commitment_id: number }>, t: T): Cell[][] {
  const c = t.columns;
  const byId = new Map(list.map((r) => [r.id, r]));
  return [
    [c.id, c.city, c.commitment, c.when, c.kind, c.author, c.statusFrom, c.statusTo, c.progressFrom, c.progressTo, c.note, c.evidence],
    ...history.map((h) => {
      const r = byId.get(h.commitment_id);
      return [
        h.commitment_id,
        r?.cityName ?? "",
        r?.title ?? "",
        r ? wallTime(h.created_at, r.encounterTimezone) : h.created_at,
        t.history.kinds[h.kind],
        `${h.author_name} (${t.history.authorKinds[h.author_kind]})`,
        h.status_from ? t.statuses[h.status_from] : "",
        t.statuses[h.status_to],
        h.progress_from,
        h.progress_to,
        h.note,
        h.evidence_url ?? h.evidence_name ?? "",
      ];
    }),
  ];
}

export function commitmentSheets(list: ListedCommitment[], history: Array<HistoryEntry & { commitment_id: number }>, t: T): Sheet[] {
  return [
    { name: t.sheets.commitments, rows: commitmentRows(list, t) },
    { name: t.sheets.history, rows: historyRows(list, history, t) },
  ];
}
