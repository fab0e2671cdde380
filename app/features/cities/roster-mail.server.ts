import type { DB } from "~db/client";
import type { Locale, RosterRole } from "~db/schema";
import type { rosterChanges } from "~emails/roster-change";
import type { rosterNotices } from "~emails/roster-notice";
import { focalPointsOf } from "~/features/cities/queries.server";
import { enqueueEmail } from "~/features/mail/outbox.server";
import { isValidRecipient } from "~/features/mail/rules";
import { getEnv } from "~/server/env.server";

// The mail of a roster change, written in the change's own transaction (through the outbox):
// to the person it is about, and a notice to the city's focal points who did not make it.

export interface MailedPerson {
  id: number;
  email: string;
  full_name: string;
  locale: Locale;
}

export const rosterPageUrl = (appUrl = getEnv().appUrl) => `${appUrl}/mi-ciudad/directorio`;

/** To the person concerned: what changed for them on the city's roster, and who did it. */
export async function mailRosterChange(
  trx: DB,
  mail: {
    key: string;
    person: MailedPerson;
    city: string;
    change: (typeof rosterChanges)[number];
    role: RosterRole;
    by?: string;
    domain?: string;
    entity?: string;
    position?: string;
  },
): Promise<void> {
  if (!isValidRecipient(mail.person.email)) return;
  const appUrl = getEnv().appUrl;
  await enqueueEmail(trx, {
    key: mail.key,
    to: mail.person.email,
    template: "roster-change",
    locale: mail.person.locale,
    data: {
      name: mail.person.full_name,
      city: mail.city,
      change: mail.change,
      role: mail.role,
      by: mail.by,
      domain: mail.domain,
      entity: mail.entity || undefined,
      position: mail.position || undefined,
      url: mail.change === "withdrawn" ? `${appUrl}/mi-cuenta` : rosterPageUrl(appUrl),
    },
  });
}

/** To each focal point of the city but those in `except` (who made the change, or whom it is about). */
export async function noticeFocalPoints(
  trx: DB,
  notice: {
    key: string;
    cityId: number;
    city: string;
    except: number[];
    change: (typeof rosterNotices)[number];
    subject: string;
    by?: string;
    byDomain?: boolean;
  },
): Promise<void> {
  for (const focal of await focalPointsOf(trx, notice.cityId)) {
    if (notice.except.includes(focal.participantId) || !isValidRecipient(focal.email)) continue;
    await enqueueEmail(trx, {
      key: `${notice.key}:notice:${focal.participantId}`,
      to: focal.email,
      template: "roster-notice",
      locale: focal.locale,
      data: {
        name: focal.fullName,
        city: notice.city,
        change: notice.change,
        subject: notice.subject,
        by: notice.by,
        byDomain: notice.byDomain ?? false,
        url: rosterPageUrl(),
      },
    });
  }
}
