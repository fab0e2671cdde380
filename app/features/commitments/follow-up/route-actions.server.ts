import { getPlan, listHistory, type CommitmentDetail } from "~/features/commitments/model.server";
import { localDate } from "~/lib/calendar-date";
import type { DB } from "~db/client";
import { isOverdue, nextReminder } from "~/features/commitments/follow-up/rules";

// Not a route: a folder in app/routes without route.tsx or index.tsx is passed over by Remix.
// What the commitment pages (the city's and the organizers') show of one commitment's follow-up:
// its history, whether it is overdue and the day of the next reminder under its encounter's plan.

export async function loadFollowUp(db: DB, commitment: CommitmentDetail, now = new Date()) {
  const [history, plan] = await Promise.all([listHistory(db, commitment.id), getPlan(db, commitment.encounter_id)]);
  const today = localDate(now, commitment.encounter_timezone);
  const next = nextReminder(
    plan,
    {
      status: commitment.status,
      dueDate: commitment.due_date,
      createdOn: localDate(commitment.created_at, commitment.encounter_timezone),
      remindersStopped: commitment.reminders_stopped_at !== null,
    },
    today,
  );
  return { history, overdue: isOverdue(commitment.status, commitment.due_date, today), nextReminderOn: next?.on ?? null };
}
