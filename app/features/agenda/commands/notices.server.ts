import type { DB } from "~db/client";
import type { Encounter, Locale } from "~db/schema";
import { writeTransaction } from "~db/write-transaction";
import { agendaUrls, renderCalendar, type CalendarFile } from "~/features/agenda/calendar.server";
import { listAgenda, listAgendaNoticeRecipients, listPendingAgendaChanges } from "~/features/agenda/queries.server";
import type { AgendaChange } from "~/features/agenda/rules";
import { enqueueEmail } from "~/features/mail/outbox.server";
import { stopMessagesUrl } from "~/features/messages/opt-out.server";
import { messagesFor } from "~/i18n/catalog.server";
import { actorOf, recordAudit } from "~/server/audit.server";
import { getEnv } from "~/server/env.server";
import { settleAgendaChanges } from "./rows.server";

// "Notify registered people of agenda changes": one button for the organizer; one message per
// registered person (confirmed or on the waiting list), written to the outbox in the same
// transaction that marks the changes as told. Nothing is sent from the request itself.

export type AgendaNoticeResult = { status: "sent"; recipients: number; changes: number } | { status: "nothing" } | { status: "nobody" } | { status: "draft" };

function changeData(change: AgendaChange) {
  return {
    change: change.change,
    title: change.title,
    startsAt: change.starts_at,
    endsAt: change.ends_at,
    room: change.room,
    before:
      change.change === "changed" && change.before
        ? { title: change.before.title, startsAt: change.before.starts_at, endsAt: change.before.ends_at, room: change.before.room }
        : undefined,
  };
}

export async function notifyAgendaChanges(db: DB, encounter: Encounter & { host_city?: string | null }, organizerId: number): Promise<AgendaNoticeResult> {
  if (encounter.status === "draft") return { status: "draft" };
  const appUrl = getEnv().appUrl;
  const urls = agendaUrls(encounter.slug, appUrl);
  return writeTransaction(db, async (trx) => {
    const changes = await listPendingAgendaChanges(trx, encounter.id);
    if (changes.length === 0) return { status: "nothing" } as const;
    const recipients = await listAgendaNoticeRecipients(trx, encounter.id);
    if (recipients.length === 0) return { status: "nobody" } as const;

    const { id: notificationId } = await trx
      .insertInto("agenda_notifications")
      .values({ encounter_id: encounter.id, organizer_id: organizerId, recipients: recipients.length, changes: changes.length })
      .returning("id")
      .executeTakeFirstOrThrow();
    await settleAgendaChanges(trx, encounter.id, notificationId);

    const items = await listAgenda(trx, encounter.id);
    const cancelled = changes.filter((c) => c.change === "removed").map((c) => ({ ...c.before!, sequence: c.sequence, itemId: c.itemId }));
    const calendars = new Map<Locale, CalendarFile>();
    const calendarFor = (locale: Locale): CalendarFile => {
      let file = calendars.get(locale);
      if (!file) {
        file = {
          filename: `${encounter.slug}.ics`,
          contentType: "text/calendar; charset=utf-8; method=PUBLISH",
          content: renderCalendar(encounter, items, { locale, cancelled, appUrl }),
          encoding: "utf-8",
        };
        calendars.set(locale, file);
      }
      return file;
    };
    const data = changes.map(changeData);
    for (const person of recipients) {
      const locale = person.locale;
      const venue = encounter.venue.trim() || encounter.host_city || messagesFor(locale).scheduling.editor.notice.venueToConfirm;
      await enqueueEmail(trx, {
        key: `agenda-changed:${notificationId}:${person.registration_id}`,
        to: person.email,
        template: "agenda-changed",
        locale,
        data: {
          name: person.full_name,
          encounter: {
            title: encounter.title,
            url: `${appUrl}/encuentros/${encodeURIComponent(encounter.slug)}`,
            startsAt: encounter.starts_at,
            endsAt: encounter.ends_at,
            timezone: encounter.timezone,
            venue,
            address: encounter.address.trim() || undefined,
          },
          changes: data,
          url: urls.page,
          // An agenda change reaches everyone registered, whether or not they stopped messages.
          stopUrl: stopMessagesUrl({ id: person.participant_id, email: person.email }, { appUrl }),
          attachments: [calendarFor(locale)],
        },
      });
    }
    await recordAudit(trx, {
      actor: actorOf.organizer(organizerId),
      action: "agenda.notify",
      entity: "encounter",
      entityId: encounter.id,
      data: { notificationId, recipients: recipients.length, changes: changes.map((c) => ({ itemId: c.itemId, change: c.change, fields: c.fields })) },
    });
    return { status: "sent", recipients: recipients.length, changes: changes.length } as const;
  });
}
