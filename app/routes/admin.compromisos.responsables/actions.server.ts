import { data, type ActionFunctionArgs } from "@remix-run/node";
import { confirmResponsible, decideHeldMail, stopAllOfOfficial, stopPendingResponsible } from "~/features/commitments/commands/responsibles.server";
import { parseId } from "~/features/commitments/access.server";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { readForm } from "~/server/http.server";

// The review page's one-click decisions: confirm or stop a responsible, send or stop a held
// mail, stop everything of one official. A decision the page no longer matches is a 409.

export const reviewIntents = ["confirm", "stopResponsible", "send", "stopMail", "stopOfficial"] as const;
export type ReviewIntent = (typeof reviewIntents)[number];
type Outcome = "confirmed" | "stoppedResponsible" | "released" | "stopped" | "stale" | "changed" | "stoppedOfficial" | "unchanged";

export async function action({ request }: ActionFunctionArgs) {
  const organizer = await requireOrganizer(request);
  const db = getDb();
  const form = await readForm(request);
  const intent = reviewIntents.find((i) => i === form.get("intent")) as ReviewIntent | undefined;
  const id = parseId(typeof form.get("id") === "string" ? String(form.get("id")) : undefined);
  if (!intent || !id) return data({ outcome: null, invalid: true }, { status: 400 });
  let outcome: Outcome;
  // The address the page showed: the decision is about that address, not whatever stands now.
  const shownEmail = typeof form.get("email") === "string" ? String(form.get("email")) : null;
  if (intent === "stopOfficial") {
    const stopped = await stopAllOfOfficial(db, id, organizer.id);
    outcome = stopped.responsibles + stopped.mails > 0 ? "stoppedOfficial" : "unchanged";
  } else if (intent === "confirm" || intent === "stopResponsible") {
    const decision = intent === "confirm" ? await confirmResponsible(db, id, organizer.id, shownEmail) : await stopPendingResponsible(db, id, organizer.id, shownEmail);
    outcome = decision === "done" ? (intent === "confirm" ? "confirmed" : "stoppedResponsible") : decision;
  } else {
    const decision = await decideHeldMail(db, id, intent === "send", organizer.id);
    outcome = decision === "unknown" ? "unchanged" : decision;
  }
  return data({ outcome, invalid: false }, { status: outcome === "unchanged" || outcome === "changed" ? 409 : 200 });
}
