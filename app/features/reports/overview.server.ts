import type { DB } from "~db/client";
import { findNextPublishedEncounter } from "~/features/encounters/queries.server";
import { isOpen } from "~/features/commitments/follow-up/rules";
import { countOutboxByStatus } from "~/features/mail/queries.server";
import { listCommitments } from "~/features/commitments/queries/lists.server";

// What needs an organizer's attention today, on the first page of the organizer area: the
// commitments that slipped, the mail that did not go out, and the next encounter's places.
// "Overdue" is the organizers' list's own rule (listCommitments), so the figures and the list
// they link to always agree.

const mostOverdueShown = 5;

export async function organizerOverview(db: DB, now = new Date()) {
  const [commitments, mail, nextEncounter] = await Promise.all([listCommitments(db, {}, now), countOutboxByStatus(db), findNextPublishedEncounter(db, now)]);
  const open = commitments.filter((c) => isOpen(c.status));
  const overdue = open.filter((c) => c.overdue).sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id - b.id);
  return {
    commitments: {
      total: commitments.length,
      open: open.length,
      overdue: overdue.length,
      overdueCities: new Set(overdue.map((c) => c.cityDane)).size,
      atRisk: open.filter((c) => c.status === "at_risk").length,
      done: commitments.filter((c) => c.status === "done").length,
      remindersStopped: open.filter((c) => c.remindersStoppedAt !== null).length,
      mostOverdue: overdue.slice(0, mostOverdueShown).map((c) => ({ id: c.id, title: c.title, city: c.cityName, dueDate: c.dueDate })),
    },
    mail: { queued: mail.pending + mail.sending, failed: mail.failed },
    nextEncounter,
  };
}
