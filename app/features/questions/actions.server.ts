import type { Submission } from "@conform-to/react";
import type { DB } from "~db/client";
import { addQuestion, updateQuestion, type QuestionOutcome } from "~/features/questions/commands.server";
import { questionInput, questionSchema } from "~/features/questions/forms";
import { parseFields, refuse, refuseField, refuseForm } from "~/server/forms.server";

// The question editor's form as both pages handle it (add on the list, edit on its own page):
// parse, call the command, answer a refusal as conform's reply on the field it concerns.

/** A refusal of the command, on the field it concerns (an option row, the options, the whole form). */
function refuseOutcome(submission: Submission<unknown>, outcome: Extract<QuestionOutcome, { ok: false }>) {
  switch (outcome.refusal) {
    case "optionAnswered":
    case "duplicateOption":
      return refuseField(submission, `options[${outcome.row ?? 0}].es`, outcome.refusal, { status: 409 });
    case "optionsNeeded":
    case "tooManyOptions":
      return refuseField(submission, "options", outcome.refusal);
    default:
      return refuseForm(submission, outcome.refusal, { status: 409 });
  }
}

export type EditorAnswer = { done: true; id: number } | { done: false; response: ReturnType<typeof refuse> } | null;

/** Adds (questionId null) or saves a question from the editor's fields; null when the question is not the encounter's. */
export async function submitQuestion(db: DB, formData: FormData, encounterId: number, questionId: number | null, actor: string): Promise<EditorAnswer> {
  const submission = parseFields(formData, questionSchema);
  if (submission.status !== "success") return { done: false, response: refuse(submission) };
  const input = questionInput(submission.value);
  const outcome = questionId === null ? await addQuestion(db, encounterId, input, actor) : await updateQuestion(db, encounterId, questionId, input, actor);
  if (!outcome) return null;
  if (!outcome.ok) return { done: false, response: refuseOutcome(submission, outcome) };
  return { done: true, id: outcome.id };
}
