import type { DB } from "~db/client";
import type { Encounter, Locale } from "~db/schema";
import { enqueueEmail } from "~/features/mail/outbox.server";
import { encounterForMail, mailLine } from "~/features/registrations/commands/mail.server";
import type { FocalPoint } from "~/features/cities/queries.server";
import { delegationUrl, signDelegationLink } from "~/features/invitations/links.server";
import { getEnv } from "~/server/env.server";
import { stopMessagesUrl } from "~/features/messages/opt-out.server";

// What invitations tell by mail, each an outbox row written inside the caller's transaction:
// the invitation (and its reminders) to the city's focal points or the typed address, and the
// notice to a delegate the focal point took off the delegation.

export interface Addressee {
  email: string;
  /** Known for a focal point; an address an organizer typed greets nobody by name. */
  name?: string;
  locale: Locale;
  /** Tells apart the mails of one sending when a city has two focal points. */
  key: string;
}

/** Who an invitation goes to: every active focal point of the city, else the typed address, else nobody. */
export function addresseesOf(focalPoints: FocalPoint[], typedEmail: string | null): Addressee[] {
  if (focalPoints.length > 0)
    return focalPoints.map((f) => ({ email: f.email, name: mailLine(f.fullName, f.email), locale: f.locale, key: `p${f.participantId}` }));
  return typedEmail ? [{ email: typedEmail, locale: "es", key: "typed" }] : [];
}

/** The invitation mail, or a reminder of it, to each addressee; `key` names the sending. Returns the mails written. */
export async function mailInvitation(
  trx: DB,
  input: {
    invitation: { id: number; version: number };
    encounter: Encounter;
    city: string;
    addressees: Addressee[];
    reminder: boolean;
    key: string;
  },
): Promise<number> {
  const appUrl = getEnv().appUrl;
  const url = delegationUrl(signDelegationLink({ invitationId: input.invitation.id, version: input.invitation.version }), appUrl);
  let written = 0;
  for (const to of input.addressees) {
    const { enqueued } = await enqueueEmail(trx, {
      key: `${input.key}:${to.key}`,
      to: to.email,
      template: "invitation",
      locale: to.locale,
      data: {
        ...(to.name ? { name: to.name } : {}),
        encounter: encounterForMail(input.encounter, to.locale, appUrl),
        city: mailLine(input.city, "-"),
        places: input.encounter.city_quota,
        ...(input.encounter.registration_closes_at ? { closesAt: input.encounter.registration_closes_at } : {}),
        url,
        reminder: input.reminder,
      },
    });
    if (enqueued) written += 1;
  }
  return written;
}

/** Tells a delegate the city's focal point replaced them (their place passed on) or cancelled them. */
export async function mailDelegateRemoved(
  trx: DB,
  input: {
    registrationId: number;
    participantId: number;
    email: string;
    fullName: string;
    locale: Locale;
    encounter: Encounter;
    city: string;
    replaced: boolean;
    now: Date;
  },
): Promise<void> {
  const appUrl = getEnv().appUrl;
  const page = `${appUrl}/encuentros/${encodeURIComponent(input.encounter.slug)}`;
  await enqueueEmail(trx, {
    key: `registration:${input.registrationId}:delegation-${input.replaced ? "replaced" : "cancelled"}:${input.now.getTime()}`,
    to: input.email,
    template: "delegation-removed",
    locale: input.locale,
    data: {
      name: mailLine(input.fullName, input.email),
      encounter: { title: mailLine(input.encounter.title, "Convoca"), url: page },
      city: mailLine(input.city, "-"),
      replaced: input.replaced,
      url: page,
      stopUrl: stopMessagesUrl({ id: input.participantId, email: input.email }, { appUrl }),
    },
  });
}
