import { data, type ActionFunctionArgs } from "@remix-run/node";
import { confirmResponsible, decideHeldMail, stopAllOfOfficial, stopPendingResponsible } from "~/features/commitments/commands/responsibles.server";
import { reviewDecisionSchema } from "~/features/commitments/forms";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { parseSubmission, refuse } from "~/server/forms.server";

// The review page's one-click decisions: confirm or stop a responsible, send or stop a held
// mail, stop everything of one official. A decision the page no longer matches is a 409.

type Outcome = "confirmed" | "stoppedResponsible" | "released" | "stopped" | "stale" | "changed" | "stoppedOfficial" | "unchanged";

export async function action({ request }: ActionFunctionArgs) {
  const organizer = await requireOrganizer(request);
  const db = getDb();
  const submission = await parseSubmission(request, reviewDecisionSchema);
  if (submission.status !== "success") return refuse(submission);
  const { intent, id } = submission.value;
  // The address the page showed: the decision is about that address, not whatever stands now.
  const shownEmail = submission.value.email ?? null;
  let outcome: Outcome;
  if (intent === "stopOfficial") {
    const stopped = await stopAllOfOfficial(db, id, organizer.id);
    outcome = stopped.responsibles + stopped.mails > 0 ? "stoppedOfficial" : "unchanged";
  } else if (intent === "confirm" || intent === "stopResponsible") {
    const decision =
      intent === "confirm" ? await confirmResponsible(db, id, organizer.id, shownEmail) : await stopPendingResponsible(db, id, organizer.id, shownEmail);
    outcome = decision === "done" ? (intent === "confirm" ? "confirmed" : "stoppedResponsible") : decision;
  } else {
    const decision = await decideHeldMail(db, id, intent === "send", organizer.id);
    outcome = decision === "unknown" ? "unchanged" : decision;
  }
  return data({ outcome }, { status: outcome === "unchanged" || outcome === "changed" ? 409 : 200 });
}
