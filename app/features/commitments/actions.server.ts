import type { Submission } from "@conform-to/react";
import type { DB } from "~db/client";
import { updateProgress } from "~/features/commitments/commands/progress.server";
import { CommitmentRuleError, type CommitmentActor } from "~/features/commitments/rules";
import { parseFields, refuse, refuseField, refuseForm } from "~/server/forms.server";
import { progressUpdateSchema } from "./forms";
import { discardUpload, evidenceField, type ProgressFormInput } from "./upload.server";

// The parts the commitment pages' actions share: a refusal of the domain answered as the form's
// reply, and the progress update as the three pages that offer it (the city's, the organizers',
// the signed link) handle it: parse, apply the rules, keep the evidence file only if the update
// was written.

/**
 * A rule of the domain that refused the change, as a field's error (or the form's, for `_form`).
 * Its status is kept where the page answers it as such (404, 409…, or all of them when no list
 * is given); any other is a 400.
 */
export function refuseRule(submission: Submission<unknown>, error: CommitmentRuleError, keptStatuses?: readonly number[]) {
  const status = !keptStatuses || keptStatuses.includes(error.status) ? error.status : 400;
  return error.field === "_form" ? refuseForm(submission, error.code, { status }) : refuseField(submission, error.field, error.code, { status });
}

/** Writes the update; answers null when it was written, else the refusal to return. */
export async function submitProgress(db: DB, commitmentId: number, input: ProgressFormInput, actor: CommitmentActor) {
  const submission = parseFields(input.fields, progressUpdateSchema);
  if (!input.ok) return refuseField(submission, evidenceField, input.error);
  if (submission.status !== "success") {
    await discardUpload(input.file);
    return refuse(submission);
  }
  try {
    await updateProgress(db, commitmentId, submission.value, actor, { evidence: input.file });
    return null;
  } catch (error) {
    await discardUpload(input.file);
    if (error instanceof CommitmentRuleError) return refuseRule(submission, error);
    throw error;
  }
}
