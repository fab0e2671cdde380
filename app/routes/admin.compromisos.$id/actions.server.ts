import type { ActionFunctionArgs } from "@remix-run/node";
import { CommitmentRuleError } from "~/features/commitments/rules";
import { reopenCommitment, setRemindersStopped, validateCommitment } from "~/features/commitments/commands/progress.server";
import { refuseRule, submitProgress } from "~/features/commitments/actions.server";
import { remindersSchema, reopenSchema, validateSchema } from "~/features/commitments/forms";
import { readProgressForm } from "~/features/commitments/upload.server";
import { parseFields, refuse } from "~/server/forms.server";
import { loadForOrganizer } from "./load.server";

// What an organizer does to one commitment: validate or reopen it, stop or resume its
// reminders, or report progress like its city would.

export type Done = "progress" | "validated" | "reopened" | "stopped" | "resumed";

/** A refusal of the domain keeps its 404 or 409; any other is a 400. */
const keptStatuses = [404, 409];

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, organizer, commitment } = await loadForOrganizer(request, params);
  const actor = { kind: "organizer" as const, id: organizer.id, name: organizer.name };
  const input = await readProgressForm(request);
  const intent = input.fields.get("intent");
  if (intent === "validate" || intent === "reopen") {
    const submission = parseFields(input.fields, intent === "validate" ? validateSchema : reopenSchema);
    if (submission.status !== "success") return refuse(submission);
    try {
      if (intent === "validate") await validateCommitment(db, commitment.id, organizer, submission.value.note);
      else await reopenCommitment(db, commitment.id, organizer, submission.value.note);
    } catch (error) {
      if (error instanceof CommitmentRuleError) return refuseRule(submission, error, keptStatuses);
      throw error;
    }
    return { done: intent === "validate" ? ("validated" as const) : ("reopened" as const) };
  }
  if (intent === "stopReminders" || intent === "resumeReminders") {
    const submission = parseFields(input.fields, remindersSchema);
    try {
      await setRemindersStopped(db, commitment.id, intent === "stopReminders", actor);
    } catch (error) {
      if (error instanceof CommitmentRuleError) return refuseRule(submission, error, keptStatuses);
      throw error;
    }
    return { done: intent === "stopReminders" ? ("stopped" as const) : ("resumed" as const) };
  }
  const refused = await submitProgress(db, commitment.id, input, actor);
  if (refused) return refused;
  return { done: "progress" as const };
}
