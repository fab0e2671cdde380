import ical from "ical-generator";
import type { Locale } from "~db/schema";
import { format } from "~/i18n/index";
import { messagesFor } from "~/i18n/catalog.server";
import type { ListedCommitment } from "~/features/commitments/queries/lists.server";
import { addDaysTo } from "~/lib/calendar-date";
import { getEnv } from "~/server/env.server";

// A city's due dates as a subscribable calendar (RFC 5545): one all-day event per commitment
// on its due date (dropped ones left out). A due date is a calendar day, so the events are
// DATE values with no zone: handed to ical-generator as UTC noon of that day, which it writes
// from the UTC fields when the calendar has no zone. UIDs never change, so a refresh updates
// the events (a new due date moves the event) instead of adding copies.

function utcNoon(day: string): Date {
  return new Date(`${day}T12:00:00.000Z`);
}

export function cityCommitmentsCalendar(
  city: { name: string; dane: string },
  commitments: ListedCommitment[],
  locale: Locale,
  appUrl = getEnv().appUrl,
): string {
  const t = messagesFor(locale).commitments;
  const host = new URL(appUrl).hostname;
  const calendar = ical({
    name: format(t.feed.calendarName, { city: city.name }),
    prodId: { company: "Convoca", product: "compromisos", language: locale.toUpperCase() },
    ttl: 60 * 60 * 6,
  });
  for (const c of commitments) {
    if (c.status === "dropped") continue;
    const url = `${appUrl}/compromisos/${c.id}`;
    calendar.createEvent({
      id: `commitment-${c.id}@${host}`,
      allDay: true,
      start: utcNoon(c.dueDate),
      end: utcNoon(addDaysTo(c.dueDate, 1)),
      summary: format(c.status === "done" ? t.feed.summaryDone : t.feed.summaryDue, { title: c.title }),
      description: [
        `${t.columns.status}: ${t.statuses[c.status]} (${c.progress} %)`,
        `${t.columns.responsible}: ${c.responsibleName}`,
        `${t.columns.encounter}: ${c.encounterTitle}`,
        url,
      ].join("\n"),
      url,
      stamp: new Date(c.updatedAt),
      lastModified: new Date(c.updatedAt),
    });
  }
  return calendar.toString();
}
