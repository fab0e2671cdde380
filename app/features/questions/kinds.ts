import { questionKinds, type QuestionKind } from "~db/schema";

// The question model, shared by every form that asks questions: registration questions first
// (issue 16), surveys next (issue 18). Pure and safe for the browser: a question as the forms,
// the parser and the aggregation see it, whatever table it is kept in.

export { questionKinds, type QuestionKind };

/** The kinds whose answer is one or several of the question's options. */
export const choiceKinds: readonly QuestionKind[] = ["one_choice", "many_choices"];
export const hasOptions = (kind: QuestionKind): boolean => choiceKinds.includes(kind);

/** The kinds an aggregate counts per option (yes/no counts its two answers). */
export const countedKinds: readonly QuestionKind[] = ["one_choice", "many_choices", "yes_no"];

export const questionLimits = {
  wording: 300,
  help: 600,
  optionLabel: 200,
  options: 30,
  shortText: 200,
  longText: 2000,
  /** The largest absolute number a number answer may be (15 significant digits stay exact). */
  number: 999_999_999_999,
  /** How many questions one encounter may ask. */
  questions: 60,
} as const;

/** One option of a choice question: a stable code (what answers store) and its two labels. */
export interface QuestionOption {
  code: string;
  es: string;
  en: string;
}

/** A question in both languages, as kept. */
export interface Question {
  id: number;
  kind: QuestionKind;
  required: boolean;
  wording: { es: string; en: string };
  help: { es: string; en: string };
  options: QuestionOption[];
  position: number;
  hidden: boolean;
  /** Its code in the standard disaggregation set: its answers are sensitive data. */
  standardCode: string | null;
}

/** What the parser needs of a question: no words, only what an answer is checked against. */
export type AnswerableQuestion = Pick<Question, "id" | "kind" | "required" | "standardCode"> & { options: ReadonlyArray<Pick<QuestionOption, "code">> };

/** A question in the reader's language, as a form draws it. */
export interface FormQuestion {
  id: number;
  kind: QuestionKind;
  required: boolean;
  label: string;
  help: string;
  options: Array<{ code: string; label: string }>;
  standardCode: string | null;
  sensitive: boolean;
}

export type Lang = "es" | "en";

/** A question's field name in a form: `q-<id>`, after the form's own prefix (a delegation's `d2-`). */
export function fieldName(questionId: number, prefix = ""): string {
  return `${prefix}q-${questionId}`;
}

/** The field of the separate consent to keep the sensitive answers. */
export function sensitiveConsentName(prefix = ""): string {
  return `${prefix}sensitiveConsent`;
}

/** Whether the question belongs to the standard disaggregation set (Ley 1581 sensitive data). */
export const isSensitive = (question: Pick<Question, "standardCode">): boolean => question.standardCode !== null;

/** English wording falls back to the Spanish when the organizers did not write it. */
export function inLanguage(text: { es: string; en: string }, lang: Lang): string {
  return lang === "en" && text.en.trim() ? text.en : text.es;
}

export function localizeQuestion(question: Question, lang: Lang): FormQuestion {
  return {
    id: question.id,
    kind: question.kind,
    required: question.required,
    label: inLanguage(question.wording, lang),
    help: inLanguage(question.help, lang),
    options: question.options.map((o) => ({ code: o.code, label: inLanguage(o, lang) })),
    standardCode: question.standardCode,
    sensitive: isSensitive(question),
  };
}

/** Reads the JSON of a question's options, keeping only well-formed entries. */
export function readOptions(json: string): QuestionOption[] {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((o): o is QuestionOption => typeof o === "object" && o !== null && typeof o.code === "string" && typeof o.es === "string")
      .map((o) => ({ code: o.code, es: o.es, en: typeof o.en === "string" ? o.en : "" }));
  } catch {
    return [];
  }
}
