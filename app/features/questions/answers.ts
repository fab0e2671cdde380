import { calendarDate, hasHiddenCharacters, singleLine } from "~/lib/input-rules";
import {
  fieldName,
  inLanguage,
  isSensitive,
  questionLimits,
  sensitiveConsentName,
  type AnswerableQuestion,
  type Lang,
  type Question,
  type QuestionKind,
  type QuestionOption,
} from "~/features/questions/kinds";
import { preferNotToAnswer, standardQuestion } from "~/features/questions/standard-set";

// Answers: what each kind accepts, how it is kept as text, and the one parser of a form's
// answers (pure: the same on the registration form, a person's page, a delegation, a survey).
// Errors are keys, like the field kit's ("required", "notAnOption"...): the questions area of
// the catalog turns them into words, the shared t.errors fills the gaps.

export type AnswerValue =
  | { kind: "short_text" | "long_text" | "one_choice" | "date"; value: string }
  | { kind: "many_choices"; value: string[] }
  | { kind: "yes_no"; value: boolean }
  | { kind: "number"; value: number };

/** One typed answer to one question. */
export type Answer = { questionId: number } & AnswerValue;

/** What a form said about its questions. */
export interface ParsedAnswers {
  /** Every question the form asked: its stored answer is replaced (or removed, when left blank). */
  asked: number[];
  answers: Answer[];
  /** The separate consent to keep sensitive answers; null when the form did not ask them. */
  sensitiveConsent: boolean | null;
}

export type AnswerErrors = Record<string, string[]>;
/** What was sent, to draw the form again after a refusal (a list for several choices). */
export type AnswerFormValues = Record<string, string | string[]>;

export type AnswerParse = { ok: true; value: ParsedAnswers; values: AnswerFormValues } | { ok: false; errors: AnswerErrors; values: AnswerFormValues };

export interface ParseOptions {
  /** Before each field name: a form with several people (a delegation) gives each its own. */
  prefix?: string;
  /**
   * Whether the form asks the sensitive questions (with their consent). A delegation does not:
   * sensitive data is given by the person, on their own page.
   */
  includeSensitive?: boolean;
}

/** The error keys the parser gives, beyond the shared ones (required, invalid, tooLong...). */
export const answerErrorKeys = ["notAnOption", "number", "preferNotAlone"] as const;

type Check = { ok: true; value: AnswerValue } | { ok: false; error: string };

// eslint-disable-next-line no-control-regex
const controlExceptLineBreaks = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const numberPattern = /^-?\d{1,15}(?:[.,]\d{1,6})?$/;

const firstIssue = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) => result.error?.issues[0]?.message ?? "invalid";

/** Checks one question's non-blank values (several only for many_choices). */
export function checkAnswer(question: AnswerableQuestion, values: readonly string[]): Check {
  const codes = new Set(question.options.map((o) => o.code));
  const one = values[0] ?? "";
  if (question.kind !== "many_choices" && values.length > 1) return { ok: false, error: "invalid" };
  switch (question.kind) {
    case "short_text": {
      const checked = singleLine(questionLimits.shortText).safeParse(one);
      return checked.success ? { ok: true, value: { kind: "short_text", value: checked.data } } : { ok: false, error: firstIssue(checked) };
    }
    case "long_text": {
      const text = one.replace(/\r\n?/g, "\n").trim();
      if (text.length > questionLimits.longText) return { ok: false, error: "tooLong" };
      if (controlExceptLineBreaks.test(text)) return { ok: false, error: "invalid" };
      if (hasHiddenCharacters(text)) return { ok: false, error: "hiddenCharacters" };
      return { ok: true, value: { kind: "long_text", value: text } };
    }
    case "one_choice":
      return codes.has(one) ? { ok: true, value: { kind: "one_choice", value: one } } : { ok: false, error: "notAnOption" };
    case "many_choices": {
      const chosen = [...new Set(values)];
      if (chosen.some((v) => !codes.has(v))) return { ok: false, error: "notAnOption" };
      if (chosen.length > 1 && chosen.includes(preferNotToAnswer.code)) return { ok: false, error: "preferNotAlone" };
      // In the order the question lists its options, whatever order the form sent them in.
      return { ok: true, value: { kind: "many_choices", value: question.options.map((o) => o.code).filter((c) => chosen.includes(c)) } };
    }
    case "yes_no":
      return one === "yes" || one === "no" ? { ok: true, value: { kind: "yes_no", value: one === "yes" } } : { ok: false, error: "notAnOption" };
    case "number": {
      const text = one.trim();
      if (!numberPattern.test(text)) return { ok: false, error: "number" };
      const n = Number(text.replace(",", "."));
      return Math.abs(n) <= questionLimits.number ? { ok: true, value: { kind: "number", value: n } } : { ok: false, error: "number" };
    }
    case "date": {
      const checked = calendarDate().safeParse(one);
      return checked.success ? { ok: true, value: { kind: "date", value: checked.data } } : { ok: false, error: firstIssue(checked) };
    }
  }
}

/** The text values sent for one field: blank ones dropped, a file (where text belongs) as null. */
function sentValues(formData: FormData, name: string): string[] | null {
  const all = formData.getAll(name);
  if (all.some((v) => typeof v !== "string")) return null;
  return (all as string[]).filter((v) => v.trim() !== "");
}

/**
 * A form's answers to `questions` (the ones it drew, in order), checked: typed answers, or an
 * error key per field named like the form's (`q-<id>`), conform's shape. Sensitive answers are
 * kept only when the separate consent box was ticked; without it they are ignored (not stored,
 * not checked). A question of the standard set asked only after another answer (the kind of
 * disability after "yes") is dropped when that answer was not given.
 */
export function parseAnswers(questions: readonly AnswerableQuestion[], formData: FormData, options: ParseOptions = {}): AnswerParse {
  const prefix = options.prefix ?? "";
  const includeSensitive = options.includeSensitive ?? true;
  const asking = questions.filter((q) => includeSensitive || !isSensitive(q));
  const askedSensitive = asking.some(isSensitive);
  const consent = askedSensitive ? formData.get(sensitiveConsentName(prefix)) === "on" : null;
  const errors: AnswerErrors = {};
  const values: AnswerFormValues = {};
  const answers: Answer[] = [];
  for (const question of asking) {
    const name = fieldName(question.id, prefix);
    const sent = sentValues(formData, name);
    if (sent && sent.length) values[name] = question.kind === "many_choices" ? sent : sent[0];
    if (isSensitive(question) && !consent) continue;
    if (sent === null) {
      errors[name] = ["invalid"];
      continue;
    }
    if (sent.length === 0) {
      if (question.required) errors[name] = ["required"];
      continue;
    }
    const checked = checkAnswer(question, sent);
    if (checked.ok) answers.push({ questionId: question.id, ...checked.value });
    else errors[name] = [checked.error];
  }
  if (consent !== null) values[sensitiveConsentName(prefix)] = consent ? "on" : "";
  if (Object.keys(errors).length) return { ok: false, errors, values };
  return { ok: true, value: { asked: asking.map((q) => q.id), answers: withoutUnasked(asking, answers), sensitiveConsent: consent }, values };
}

/** Drops the answers to questions asked only after another answer that was not given. */
function withoutUnasked(questions: readonly AnswerableQuestion[], answers: Answer[]): Answer[] {
  const byCode = new Map(questions.filter((q) => q.standardCode).map((q) => [q.standardCode!, q.id]));
  const chosen = (questionId: number | undefined): string[] => {
    const answer = answers.find((a) => a.questionId === questionId);
    if (!answer) return [];
    return answer.kind === "many_choices" ? answer.value : answer.kind === "one_choice" ? [answer.value] : [];
  };
  return answers.filter((answer) => {
    const question = questions.find((q) => q.id === answer.questionId);
    const when = standardQuestion(question?.standardCode ?? null)?.askedWhen;
    return !when || chosen(byCode.get(when.code)).some((code) => when.anyOf.includes(code));
  });
}

/** An answer as it is kept: one text value. */
export function encodeAnswer(answer: AnswerValue): string {
  switch (answer.kind) {
    case "many_choices":
      return JSON.stringify(answer.value);
    case "yes_no":
      return answer.value ? "yes" : "no";
    case "number":
      return String(answer.value);
    default:
      return answer.value;
  }
}

/** A kept value read back for its question's kind; null when it no longer reads as one. */
export function decodeAnswer(kind: QuestionKind, text: string): AnswerValue | null {
  switch (kind) {
    case "many_choices": {
      try {
        const list: unknown = JSON.parse(text);
        return Array.isArray(list) && list.every((v) => typeof v === "string") ? { kind, value: list as string[] } : null;
      } catch {
        return null;
      }
    }
    case "yes_no":
      return text === "yes" || text === "no" ? { kind, value: text === "yes" } : null;
    case "number":
      return Number.isFinite(Number(text)) && text.trim() !== "" ? { kind, value: Number(text) } : null;
    default:
      return { kind, value: text };
  }
}

/** Stored answers as a form's initial values (what the person answered before). */
export function answersToValues(answers: ReadonlyArray<{ questionId: number; kind: QuestionKind; value: string }>, prefix = ""): AnswerFormValues {
  const values: AnswerFormValues = {};
  for (const a of answers) {
    const decoded = decodeAnswer(a.kind, a.value);
    if (!decoded) continue;
    values[fieldName(a.questionId, prefix)] =
      decoded.kind === "many_choices" ? decoded.value : decoded.kind === "yes_no" ? (decoded.value ? "yes" : "no") : String(decoded.value);
  }
  return values;
}

/** How an answer reads for people: option labels (a removed option shows its code), yes/no in words. */
export function answerText(
  question: { kind: QuestionKind; options: ReadonlyArray<Pick<QuestionOption, "code"> & { label?: string; es?: string }> },
  value: string,
  words: { yes: string; no: string },
): string {
  const decoded = decodeAnswer(question.kind, value);
  if (!decoded) return value;
  const label = (code: string) => {
    const option = question.options.find((o) => o.code === code);
    return option?.label ?? option?.es ?? code;
  };
  switch (decoded.kind) {
    case "one_choice":
      return label(decoded.value);
    case "many_choices":
      return decoded.value.map(label).join(", ");
    case "yes_no":
      return decoded.value ? words.yes : words.no;
    case "number":
      return String(decoded.value);
    default:
      return decoded.value;
  }
}

/** One question and a person's answer to it, as a page lists them (null: not answered). */
export interface AnswerItem {
  questionId: number;
  label: string;
  text: string | null;
  sensitive: boolean;
  hidden: boolean;
}

/**
 * A person's answers beside the questions, in the reader's language: every visible question,
 * and a hidden one only when it was answered (its answer is kept, so it is shown).
 */
export function answerItems(
  questions: ReadonlyArray<Question>,
  answers: ReadonlyArray<{ questionId: number; value: string }>,
  lang: Lang,
  words: { yes: string; no: string },
): AnswerItem[] {
  const byQuestion = new Map(answers.map((a) => [a.questionId, a.value]));
  return questions
    .filter((q) => !q.hidden || byQuestion.has(q.id))
    .map((q) => {
      const value = byQuestion.get(q.id);
      const options = q.options.map((o) => ({ code: o.code, label: inLanguage(o, lang) }));
      return {
        questionId: q.id,
        label: inLanguage(q.wording, lang),
        text: value === undefined ? null : answerText({ kind: q.kind, options }, value, words),
        sensitive: isSensitive(q),
        hidden: q.hidden,
      };
    });
}
