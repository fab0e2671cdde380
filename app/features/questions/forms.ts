import { z } from "zod";
import { choice, checkbox, id, optionalSingleLine, singleLine } from "~/lib/input-rules";
import { questionKinds, questionLimits, type Question } from "~/features/questions/kinds";
import type { QuestionInput } from "~/features/questions/commands.server";

// The organizers' question editor (/admin/encuentros/:slug/preguntas): one schema for adding
// and editing, error keys of t.questions.errors (the shared t.errors fill the gaps).

/** How many blank option rows the editor offers (more after saving and editing again). */
export const blankOptionRows = { add: 6, edit: 3 } as const;

const optionRow = z.object({
  // A code the question already has (kept), or none for a new option.
  code: z
    .string()
    .regex(/^[a-z0-9_+-]{1,60}$/, "invalid")
    .optional(),
  es: optionalSingleLine(questionLimits.optionLabel),
  en: optionalSingleLine(questionLimits.optionLabel),
});

export const questionSchema = z.object({
  kind: choice(questionKinds),
  required: checkbox(),
  wordingEs: singleLine(questionLimits.wording),
  wordingEn: optionalSingleLine(questionLimits.wording),
  helpEs: optionalSingleLine(questionLimits.help),
  helpEn: optionalSingleLine(questionLimits.help),
  options: z
    .array(optionRow, { invalid_type_error: "invalid" })
    .max(questionLimits.options + blankOptionRows.add, "tooManyOptions")
    .optional(),
});
export type QuestionForm = z.output<typeof questionSchema>;

/** The command's input from the editor's fields. */
export function questionInput(form: QuestionForm): QuestionInput {
  return {
    kind: form.kind,
    required: form.required,
    wording: { es: form.wordingEs, en: form.wordingEn ?? "" },
    help: { es: form.helpEs ?? "", en: form.helpEn ?? "" },
    options: (form.options ?? []).map((o) => ({ code: o.code ?? null, es: o.es, en: o.en })),
  };
}

/** The editor's initial values for a question (its options, then blank rows). */
export function questionDefaults(question: Question | null) {
  const rows = question?.options.map((o) => ({ code: o.code, es: o.es, en: o.en })) ?? [];
  const blanks = Array.from({ length: question ? blankOptionRows.edit : blankOptionRows.add }, () => ({ code: "", es: "", en: "" }));
  return {
    kind: question?.kind ?? "short_text",
    required: question?.required ? "on" : undefined,
    wordingEs: question?.wording.es ?? "",
    wordingEn: question?.wording.en ?? "",
    helpEs: question?.help.es ?? "",
    helpEn: question?.help.en ?? "",
    options: [...rows, ...blanks],
  };
}

/** A row action of the list: move, hide, show, delete (the question by id). */
export const rowActionSchema = z.object({ id: id(), direction: z.enum(["up", "down"]).optional() });
