import type { DB } from "~db/client";
import type { Encounter, Locale } from "~db/schema";
import { getEnv } from "~/server/env.server";
import { registrationWindow } from "~/features/encounters/rules";
import { enqueueEmail } from "~/features/mail/outbox.server";
import { calendarFor } from "~/features/registrations/calendar.server";
import type { RegistrationDetail } from "~/features/registrations/queries.server";
import { type CityPlaces, waitReason } from "~/features/registrations/rules";
import { checkinQrPng, checkinUrl, manageUrl } from "~/features/registrations/tokens.server";
import type { EmailAttachment } from "~emails/index";
import { stopMessagesUrl } from "~/features/messages/opt-out.server";

// What a registration tells the person by mail: the confirmation (calendar file and check-in
// QR attached), the promotion from the waiting list, the waiting list with why there was no
// place, the cancellation. Each is an outbox row (template name and data) written inside the
// caller's transaction; the templates in emails/ render it.

// Mail schemas take one line of 1-300 characters; an encounter saved with an empty venue
// must not make registration fail.
export function mailLine(value: string | null | undefined, fallback: string): string {
  const clean = (value ?? "")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")
    .trim()
    .slice(0, 300);
  return clean || fallback;
}

export function encounterForMail(encounter: Encounter, locale: Locale, appUrl: string) {
  return {
    title: mailLine(encounter.title, "Convoca"),
    url: `${appUrl}/encuentros/${encodeURIComponent(encounter.slug)}`,
    startsAt: encounter.starts_at,
    endsAt: encounter.ends_at,
    timezone: encounter.timezone,
    venue: mailLine(encounter.venue, locale === "en" ? "To be confirmed" : "Por confirmar"),
    ...(encounter.address.trim() ? { address: mailLine(encounter.address, "-") } : {}),
  };
}

const qrCid = "checkin-qr";

async function confirmationAttachments(db: DB, encounter: Encounter, locale: Locale, checkinCode: string, qrPng?: string): Promise<EmailAttachment[]> {
  const calendar = await calendarFor(db, encounter, locale);
  const qr = qrPng ?? (await checkinQrPng(checkinUrl(encounter.slug, checkinCode)));
  return [
    { filename: calendar.filename, contentType: calendar.contentType, content: calendar.content, encoding: "utf-8" },
    { filename: `acreditacion-${checkinCode}.png`, contentType: "image/png", content: qr, encoding: "base64", cid: qrCid },
  ];
}

function stamp(instant: string): number {
  return Date.parse(instant);
}

/** The "you have a place" mail: confirmation, or the promotion from the waiting list. */
export async function mailConfirmed(
  trx: DB,
  reg: Pick<RegistrationDetail, "id" | "participant_id" | "email" | "full_name" | "locale" | "checkin_code" | "consent_at">,
  encounter: Encounter,
  token: string,
  options: { promotedFrom?: number; qrPng?: string; key?: string; delegation?: { city: string } },
) {
  const appUrl = getEnv().appUrl;
  const code = reg.checkin_code!;
  const attachments = await confirmationAttachments(trx, encounter, reg.locale, code, options.qrPng);
  const data = {
    name: mailLine(reg.full_name, reg.email),
    encounter: encounterForMail(encounter, reg.locale, appUrl),
    manageUrl: manageUrl(token, appUrl),
    checkIn: { code, qrCid },
    stopUrl: stopMessagesUrl({ id: reg.participant_id, email: reg.email }, { appUrl }),
    ...(options.delegation ? { delegation: { city: mailLine(options.delegation.city, "-") } } : {}),
    attachments,
  };
  if (options.promotedFrom !== undefined) {
    await enqueueEmail(trx, {
      key: options.key ?? `registration:${reg.id}:promoted:${options.promotedFrom}`,
      to: reg.email,
      template: "registration-promoted",
      locale: reg.locale,
      data,
    });
  } else {
    await enqueueEmail(trx, {
      key: options.key ?? `registration:${reg.id}:confirmed:${stamp(reg.consent_at)}`,
      to: reg.email,
      template: "registration-confirmed",
      locale: reg.locale,
      data,
    });
  }
}

export async function mailWaitlisted(
  trx: DB,
  reg: Pick<RegistrationDetail, "id" | "participant_id" | "email" | "full_name" | "locale">,
  encounter: Encounter,
  token: string,
  position: number,
  rank: number,
  key?: string,
  places?: CityPlaces,
  delegation?: { city: string },
) {
  const appUrl = getEnv().appUrl;
  const reason = places ? waitReason(places) : null;
  await enqueueEmail(trx, {
    key: key ?? `registration:${reg.id}:waitlisted:${position}`,
    to: reg.email,
    template: "registration-waitlisted",
    locale: reg.locale,
    data: {
      name: mailLine(reg.full_name, reg.email),
      encounter: encounterForMail(encounter, reg.locale, appUrl),
      position: rank,
      manageUrl: manageUrl(token, appUrl),
      stopUrl: stopMessagesUrl({ id: reg.participant_id, email: reg.email }, { appUrl }),
      ...(reason === "city" ? { full: { city: mailLine(places!.city, "-"), places: places!.quota } } : {}),
      ...(reason === "encounter" ? { full: { places: places!.capacity } } : {}),
      ...(delegation ? { delegation: { city: mailLine(delegation.city, "-") } } : {}),
    },
  });
}

/** The cancellation, by the person or an organizer (with the reason, if one was given). */
export async function mailCancelled(
  trx: DB,
  reg: Pick<RegistrationDetail, "id" | "participant_id" | "email" | "full_name" | "locale">,
  encounter: Encounter,
  options: { byOrganizer: boolean; reason: string | null; now: Date },
) {
  const appUrl = getEnv().appUrl;
  await enqueueEmail(trx, {
    key: `registration:${reg.id}:cancelled:${options.now.getTime()}`,
    to: reg.email,
    template: "registration-cancelled",
    locale: reg.locale,
    data: {
      name: mailLine(reg.full_name, reg.email),
      encounter: { title: mailLine(encounter.title, "Convoca"), url: `${appUrl}/encuentros/${encodeURIComponent(encounter.slug)}` },
      byOrganizer: options.byOrganizer,
      stopUrl: stopMessagesUrl({ id: reg.participant_id, email: reg.email }, { appUrl }),
      ...(options.reason ? { reason: options.reason } : {}),
      ...(registrationWindow(encounter, options.now) === "open" ? { registerUrl: `${appUrl}/encuentros/${encodeURIComponent(encounter.slug)}/registro` } : {}),
    },
  });
}
