import type { Messages } from "~/i18n/index";
import type { CrossReport, EncounterReport } from "~/features/reports/rules";
import type { Sheet } from "~/server/spreadsheet.server";

// The numbers behind each report's charts, as sheets: the CSV is the first sheet, the XLSX all.

export function encounterReportSheets(report: EncounterReport, t: Messages["reports"]): Sheet[] {
  return [
    {
      name: t.byCity,
      rows: [
        ["DANE", t.city, t.registered, t.confirmed, t.waitlisted, t.cancelled, t.attended, t.downloads, t.downloaders, t.commitments, t.done],
        ...report.cities.map((c) => [
          c.dane,
          c.name,
          c.registered,
          c.confirmed,
          c.waitlisted,
          c.cancelled,
          c.attended,
          c.downloads,
          c.downloaders,
          c.commitments,
          c.commitmentsDone,
        ]),
      ],
    },
    { name: t.byEntity, rows: [[t.entity, t.registered, t.attended], ...report.byEntity.map((e) => [e.entity, e.registered, e.attended])] },
    {
      name: t.commitments,
      rows: [
        [t.instrument, ""],
        ...Object.entries(report.byInstrument).map(([k, v]) => [t.instruments[k as keyof typeof t.instruments], v]),
        [t.theme, ""],
        ...Object.entries(report.byTheme).map(([k, v]) => [t.themes[k as keyof typeof t.themes], v]),
        [t.status, ""],
        ...Object.entries(report.byStatus).map(([k, v]) => [t.statuses[k as keyof typeof t.statuses], v]),
      ],
    },
  ];
}

export function crossReportSheets(report: CrossReport, t: Messages["reports"]): Sheet[] {
  return [
    {
      name: t.acrossTitle,
      rows: [
        ["DANE", t.city, t.encountersAttended, t.commitments, t.done, t.inProgress, t.overdue, t.onTime, `${t.onTime} (%)`],
        ...report.cities.map((c) => [
          c.dane,
          c.name,
          c.encountersAttended,
          c.commitments,
          c.done,
          c.inProgress,
          c.overdue,
          c.doneOnTime,
          c.onTimeShare === null ? null : Math.round(c.onTimeShare * 100),
        ]),
      ],
    },
    { name: t.trend, rows: [[t.period, t.made, t.done], ...report.trend.map((p) => [p.period, p.made, p.done])] },
  ];
}
