import { data, type ActionFunctionArgs } from "@remix-run/node";
import { CommitmentRuleError } from "~/features/commitments/rules";
import { reopenCommitment, setRemindersStopped, validateCommitment } from "~/features/commitments/commands/progress.server";
import { submitProgress } from "~/features/commitments/actions.server";
import { parseCommitmentForm, reopenSchema, validateSchema, type CommitmentFieldErrors } from "~/features/commitments/forms";
import { readProgressForm } from "~/features/commitments/upload.server";
import { loadForOrganizer } from "./load.server";

// What an organizer does to one commitment: validate or reopen it, stop or resume its
// reminders, or report progress like its city would.

export type Done = "progress" | "validated" | "reopened" | "stopped" | "resumed";

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, organizer, commitment } = await loadForOrganizer(request, params.id);
  const actor = { kind: "organizer" as const, id: organizer.id, name: organizer.name };
  const input = await readProgressForm(request);
  const intent = input.fields.get("intent");
  const fail = (errors: CommitmentFieldErrors, status = 400, form?: string) => data({ done: null, form: form ?? String(intent), errors, values: undefined as Record<string, string> | undefined }, { status });
  const ok = (done: Done) => ({ done, form: String(intent), errors: undefined, values: undefined });
  try {
    if (intent === "validate" || intent === "reopen") {
      const parsed = parseCommitmentForm(intent === "validate" ? validateSchema : reopenSchema, input.fields);
      if (!parsed.ok) return fail(parsed.errors);
      if (intent === "validate") await validateCommitment(db, commitment.id, organizer, parsed.data.note);
      else await reopenCommitment(db, commitment.id, organizer, parsed.data.note);
      return ok(intent === "validate" ? "validated" : "reopened");
    }
    if (intent === "stopReminders" || intent === "resumeReminders") {
      await setRemindersStopped(db, commitment.id, intent === "stopReminders", actor);
      return ok(intent === "stopReminders" ? "stopped" : "resumed");
    }
  } catch (error) {
    if (error instanceof CommitmentRuleError) return fail({ [error.field]: error.code }, error.status === 404 ? 404 : error.status === 409 ? 409 : 400);
    throw error;
  }
  const outcome = await submitProgress(db, commitment.id, input, actor);
  if (!outcome.ok) return data({ done: null, form: "progress", errors: outcome.errors, values: outcome.values }, { status: outcome.status });
  return ok("progress");
}
