import { slugify } from "~/lib/slug";
import { hasOptions, questionLimits, type QuestionKind, type QuestionOption } from "~/features/questions/kinds";

// The rules of a question set, pure: the order of the questions, and what a change to a
// question may do once people answered it (its answers are kept, so they must still read).

export type Direction = "up" | "down";

/** The ids in their new order after moving one a step; null when it cannot move that way. */
export function moveInOrder(ids: readonly number[], id: number, direction: Direction): number[] | null {
  const from = ids.indexOf(id);
  const to = direction === "up" ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= ids.length) return null;
  const order = [...ids];
  [order[from], order[to]] = [order[to], order[from]];
  return order;
}

/** Why a change to a question is refused. */
export type QuestionRefusal =
  "optionsNeeded" | "tooManyOptions" | "duplicateOption" | "optionAnswered" | "kindAnswered" | "standardLocked" | "hasAnswers" | "tooManyQuestions";

/** An option row as the editor sends it: its code when it already exists, blank for a new one. */
export interface OptionRow {
  code: string | null;
  es: string | null;
  en: string | null;
}

export type OptionsOutcome = { ok: true; options: QuestionOption[] } | { ok: false; refusal: QuestionRefusal; row?: number };

/** A new option's code: its Spanish label in lower-case ASCII words, unique within the question. */
export function optionCode(label: string, taken: ReadonlySet<string>): string {
  // slugify names a label without letters or digits "encuentro": such an option is an "opcion".
  const base = /[\p{L}\p{N}]/u.test(label) ? slugify(label, 40).replace(/-/g, "_") : "opcion";
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}_${n}`;
  return code;
}

/**
 * The options a question keeps after an edit. Existing options keep their codes (answers store
 * them) whatever their new labels; a row left blank removes its option, refused while someone
 * chose it; blank new rows are ignored; new options get fresh codes. A choice question needs at
 * least two options; other kinds keep none.
 */
export function reviseOptions(
  kind: QuestionKind,
  current: readonly QuestionOption[],
  rows: readonly OptionRow[],
  answeredCodes: ReadonlySet<string> = new Set(),
): OptionsOutcome {
  if (!hasOptions(kind)) return { ok: true, options: [] };
  const taken = new Set(current.map((o) => o.code));
  const kept = new Set<string>();
  const options: QuestionOption[] = [];
  for (const [row, entry] of rows.entries()) {
    const es = entry.es?.trim() ?? "";
    const en = entry.en?.trim() ?? "";
    const existing = entry.code ? current.find((o) => o.code === entry.code) : undefined;
    if (entry.code && !existing) continue;
    if (!es) {
      // Nothing typed: a blank new row, or an option taken out.
      if (existing && answeredCodes.has(existing.code)) return { ok: false, refusal: "optionAnswered", row };
      continue;
    }
    if (options.some((o) => o.es.toLocaleLowerCase("es") === es.toLocaleLowerCase("es"))) return { ok: false, refusal: "duplicateOption", row };
    const code = existing ? existing.code : optionCode(es, taken);
    taken.add(code);
    kept.add(code);
    options.push({ code, es, en });
  }
  // An answered option the form did not send at all is kept as it was.
  for (const option of current) if (!kept.has(option.code) && answeredCodes.has(option.code) && !rows.some((r) => r.code === option.code)) options.push(option);
  if (options.length > questionLimits.options) return { ok: false, refusal: "tooManyOptions" };
  if (options.length < 2) return { ok: false, refusal: "optionsNeeded" };
  return { ok: true, options };
}

/**
 * Whether a question's kind may change: not once it has answers (they would no longer read as
 * answers of the new kind), nor for a question of the standard set (its codes feed the reports).
 */
export function kindChange(question: { kind: QuestionKind; standardCode: string | null }, kind: QuestionKind, answers: number): QuestionRefusal | null {
  if (kind === question.kind) return null;
  if (question.standardCode) return "standardLocked";
  return answers > 0 ? "kindAnswered" : null;
}

/** A question with answers cannot be deleted: hiding it stops asking and keeps them. */
export function deletion(answers: number): QuestionRefusal | null {
  return answers > 0 ? "hasAnswers" : null;
}

/** Whether the registration's answers can still change: until registration closes. */
export function answersEditable(
  encounter: { status: string; registration_closes_at: string | null; ends_at: string },
  registrationStatus: string,
  now = new Date(),
): boolean {
  if (encounter.status === "closed" || registrationStatus === "cancelled") return false;
  return now.toISOString() < (encounter.registration_closes_at ?? encounter.ends_at);
}
