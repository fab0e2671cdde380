import type { DB } from "~db/client";
import { countByCity, countByCode, countedCodes, shownFloor, shownText, suppressByCity, type Shown } from "~/features/questions/aggregate";
import { inLanguage, isSensitive, type Lang, type Question } from "~/features/questions/kinds";
import { allQuestions, answersForReport, countStandingRegistrations } from "~/features/questions/queries.server";
import type { Cell, Sheet } from "~/server/spreadsheet.server";
import type { Messages } from "~/i18n/index";

// The encounter report's part on registration questions: for each question, how many of the
// registrations still standing answered, and the count of each option (charts). The sensitive
// questions (the standard disaggregation set) only as aggregates under the small-count rule
// (aggregate.ts), overall and by city.

export interface OptionBar {
  label: string;
  value: number;
  /** What is written instead of the value: "< 5", "16–20". */
  text?: string;
}

export interface OrdinaryQuestionReport {
  id: number;
  label: string;
  kind: Question["kind"];
  answered: number;
  /** Per option (choices, yes/no); null for the kinds that are not counted. */
  bars: OptionBar[] | null;
}

export interface SensitiveQuestionReport {
  id: number;
  label: string;
  bars: OptionBar[];
  byCity: { columns: string[]; rows: Array<{ label: string; cells: string[] }>; totals: string[] };
}

export interface QuestionReport {
  standing: number;
  ordinary: OrdinaryQuestionReport[];
  sensitive: SensitiveQuestionReport[];
}

function labelsOf(question: Question, lang: Lang, words: { yes: string; no: string }): string[] {
  if (question.kind === "yes_no") return [words.yes, words.no];
  return question.options.map((o) => inLanguage(o, lang));
}

const bar = (label: string, shown: Shown): OptionBar => ({ label, value: shownFloor(shown), text: shown.kind === "count" ? undefined : shownText(shown) });

/** The report of the encounter's questions (hidden ones too, when answered), in the reader's language. */
export async function questionReport(db: DB, encounterId: number, lang: Lang, words: { yes: string; no: string }): Promise<QuestionReport> {
  const [questions, answers, standing] = await Promise.all([
    allQuestions(db, encounterId),
    answersForReport(db, encounterId),
    countStandingRegistrations(db, encounterId),
  ]);
  const report: QuestionReport = { standing, ordinary: [], sensitive: [] };
  for (const question of questions) {
    const own = answers.filter((a) => a.questionId === question.id);
    if (question.hidden && own.length === 0) continue;
    const label = inLanguage(question.wording, lang);
    const labels = labelsOf(question, lang, words);
    if (!isSensitive(question)) {
      const counts = countedCodes(question).length
        ? countByCode(
            question,
            own.map((a) => a.value),
          )
        : null;
      report.ordinary.push({
        id: question.id,
        label,
        kind: question.kind,
        answered: own.length,
        bars: counts && counts.map((value, i) => ({ label: labels[i], value })),
      });
      continue;
    }
    const table = suppressByCity(countByCity(question, own), labels.length);
    report.sensitive.push({
      id: question.id,
      label,
      bars: table.totals.map((shown, i) => bar(labels[i], shown)),
      byCity: { columns: labels, rows: table.rows.map((r) => ({ label: r.label, cells: r.cells.map(shownText) })), totals: table.totals.map(shownText) },
    });
  }
  return report;
}

/**
 * The same figures as sheets for the report's XLSX: the questions' counts, and the sensitive
 * ones by city (one block per question), with the page's "< 5" and ranges.
 */
export function questionReportSheets(report: QuestionReport, t: Messages["questions"]["report"]): Sheet[] {
  if (!report.ordinary.length && !report.sensitive.length) return [];
  const rows: Cell[][] = [];
  for (const q of report.ordinary) rows.push([q.label, t.answers], ...(q.bars ?? []).map((b): Cell[] => [b.label, b.value]), []);
  for (const q of report.sensitive) rows.push([q.label, t.answers], ...q.bars.map((b): Cell[] => [b.label, b.text ?? b.value]), []);
  const sheets: Sheet[] = [{ name: t.title, rows }];
  if (report.sensitive.length) {
    const byCity: Cell[][] = [];
    for (const q of report.sensitive) {
      byCity.push([q.label], [t.city, ...q.byCity.columns], ...q.byCity.rows.map((r): Cell[] => [r.label, ...r.cells]), [t.total, ...q.byCity.totals], []);
    }
    sheets.push({ name: t.sensitiveSheet, rows: byCity });
  }
  return sheets;
}
