import type { Messages } from "~/i18n";
import type { HistoryEntry, ListedCommitment } from "~/models/commitments.server";
import type { Cell, Sheet } from "~/utils/spreadsheet.server";

// The organizers' export: one row per commitment (what the list shows, with every column), and
// for the workbook a second sheet with the history of each, oldest first.

type T = Messages["commitments"];

export function commitmentRows(list: ListedCommitment[], t: T): Cell[][] {
  const c = t.columns;
  const header: Cell[] = [c.id, c.city, c.encounter, c.commitment, c.instrument, c.theme, c.status, c.progress, c.due, c.next, c.responsible, c.responsibleEmail, c.validated, c.remindersStopped, c.updated];
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
      r.validatedAt ? r.validatedAt.slice(0, 10) : "",
      r.remindersStoppedAt ? r.remindersStoppedAt.slice(0, 10) : "",
      r.updatedAt,
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
        h.created_at,
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
