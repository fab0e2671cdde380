import { decodeAnswer } from "~/features/questions/answers";
import type { QuestionKind } from "~/features/questions/kinds";

// Counting answers for reports, and the small-count rule for sensitive ones. Pure.
//
// The rule (issue 16, item 4; disaggregation.json's smallCountRule): in any report, a count of
// sensitive answers under 5, in a city or overall, is shown as "< 5" (zero included: "nobody
// of this city" tells as much about the others as a 1 does). A total that would let someone
// work out a hidden count is coarsened the same way: an option's overall count with exactly one
// city's count hidden is shown as the range it could be, "S–S+4" (S: the cities shown), which
// says no more than "< 5" does. With two or more hidden, the total reveals only their sum, a
// figure about several cities. The per-city table shows no row totals, so nothing else adds up.

/** The least count a report shows as it is. */
export const smallCountLimit = 5;

export type Shown = { kind: "count"; n: number } | { kind: "small" } | { kind: "range"; min: number; max: number };

export function shownCount(n: number): Shown {
  return n < smallCountLimit ? { kind: "small" } : { kind: "count", n };
}

/** How a shown count reads: "12", "< 5", "38–42". */
export function shownText(shown: Shown): string {
  switch (shown.kind) {
    case "count":
      return String(shown.n);
    case "small":
      return `< ${smallCountLimit}`;
    case "range":
      return `${shown.min}–${shown.max}`;
  }
}

/** The value a chart draws for a shown count: the least it can be (nothing for "< 5"). */
export function shownFloor(shown: Shown): number {
  return shown.kind === "count" ? shown.n : shown.kind === "range" ? shown.min : 0;
}

export interface CityCounts {
  label: string;
  counts: number[];
}

export interface SuppressedTable {
  rows: Array<{ label: string; cells: Shown[] }>;
  /** Each column's total over the rows: an option's overall count. */
  totals: Shown[];
}

/** Applies the small-count rule to a table of counts (rows: cities; columns: options). */
export function suppressByCity(rows: readonly CityCounts[], columns: number): SuppressedTable {
  const totals: Shown[] = [];
  for (let column = 0; column < columns; column++) {
    const counts = rows.map((r) => r.counts[column] ?? 0);
    const total = counts.reduce((a, b) => a + b, 0);
    const hidden = counts.filter((n) => n < smallCountLimit).length;
    if (total < smallCountLimit) totals.push({ kind: "small" });
    else if (hidden === 1) {
      const shown = counts.filter((n) => n >= smallCountLimit).reduce((a, b) => a + b, 0);
      totals.push({ kind: "range", min: shown, max: shown + smallCountLimit - 1 });
    } else totals.push({ kind: "count", n: total });
  }
  return { rows: rows.map((r) => ({ label: r.label, cells: r.counts.map(shownCount) })), totals };
}

/** The codes an answer to the question counts under, in the question's order (yes/no: yes, no). */
export function countedCodes(question: { kind: QuestionKind; options: ReadonlyArray<{ code: string }> }): string[] {
  if (question.kind === "yes_no") return ["yes", "no"];
  if (question.kind === "one_choice" || question.kind === "many_choices") return question.options.map((o) => o.code);
  return [];
}

/** The codes one kept answer counts under (none for the kinds that are not counted). */
export function codesOfAnswer(kind: QuestionKind, value: string): string[] {
  const decoded = decodeAnswer(kind, value);
  if (!decoded) return [];
  if (decoded.kind === "many_choices") return decoded.value;
  if (decoded.kind === "one_choice") return [decoded.value];
  if (decoded.kind === "yes_no") return [decoded.value ? "yes" : "no"];
  return [];
}

/** How many answers chose each code (a person counts once per option chosen). */
export function countByCode(question: { kind: QuestionKind; options: ReadonlyArray<{ code: string }> }, values: readonly string[]): number[] {
  const codes = countedCodes(question);
  const counts = codes.map(() => 0);
  for (const value of values) {
    for (const code of codesOfAnswer(question.kind, value)) {
      const i = codes.indexOf(code);
      if (i >= 0) counts[i] += 1;
    }
  }
  return counts;
}

/** Counts per code for each city that answered, cities in alphabetical order. */
export function countByCity(
  question: { kind: QuestionKind; options: ReadonlyArray<{ code: string }> },
  answers: ReadonlyArray<{ city: string; value: string }>,
): CityCounts[] {
  const byCity = new Map<string, string[]>();
  for (const a of answers) byCity.set(a.city, [...(byCity.get(a.city) ?? []), a.value]);
  return [...byCity.entries()].sort(([a], [b]) => a.localeCompare(b, "es")).map(([label, values]) => ({ label, counts: countByCode(question, values) }));
}
