import type { Locale } from "~db/schema";
import { format } from "~/i18n/index";
import { messagesFor } from "~/i18n/catalog.server";
import type { ListedCommitment } from "~/features/commitments/queries/lists.server";
import { addDaysTo } from "~/lib/calendar-date";
import { getEnv } from "~/server/env.server";
import { writeCalendar } from "~/server/ics.server";

// A city's due dates as a subscribable calendar (RFC 5545): one all-day event per commitment
// on its due date (dropped ones left out). A due date is a calendar day, so the events are
// DATE values with no zone. UIDs never change, so a refresh updates
// the events (a new due date moves the event) instead of adding copies.

export function cityCommitmentsCalendar(
  city: { name: string; dane: string },
  commitments: ListedCommitment[],
  locale: Locale,
  appUrl = getEnv().appUrl,
): string {
  const t = messagesFor(locale).commitments;
  const host = new URL(appUrl).hostname;
  return writeCalendar({
    product: "compromisos",
    locale,
    name: format(t.feed.calendarName, { city: city.name }),
    ttlSeconds: 60 * 60 * 6,
    events: commitments
      .filter((c) => c.status !== "dropped")
      .map((c) => {
        const url = `${appUrl}/compromisos/${c.id}`;
        return {
          uid: `commitment-${c.id}@${host}`,
          start: { date: c.dueDate },
          end: { date: addDaysTo(c.dueDate, 1) },
          summary: format(c.status === "done" ? t.feed.summaryDone : t.feed.summaryDue, { title: c.title }),
          description: [
            `${t.columns.status}: ${t.statuses[c.status]} (${c.progress} %)`,
            `${t.columns.responsible}: ${c.responsibleName}`,
            `${t.columns.encounter}: ${c.encounterTitle}`,
            url,
          ].join("\n"),
          url,
          stamp: c.updatedAt,
          lastModified: c.updatedAt,
        };
      }),
  });
}
