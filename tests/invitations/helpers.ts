import type { DB } from "~db/client";
import { getDb } from "~/server/db.server";
import { cityIdOf, inDays, makeEncounter } from "../factories";

// What the invitation tests share: an encounter open for registration, the mail the outbox
// keeps, and the links inside it, read as a person reads them from the mail.

/** Published, 30 days ahead, registration open and closing in 20 days; quota and capacity as given. */
export function openEncounter(db: DB = getDb(), options: { quota?: number; capacity?: number; closesInDays?: number; reminderDays?: number } = {}) {
  return makeEncounter(db, {
    starts_at: inDays(30),
    city_quota: options.quota ?? 3,
    capacity: options.capacity ?? 100,
    registration_closes_at: inDays(options.closesInDays ?? 20),
    ...(options.reminderDays !== undefined ? { invitation_reminder_days: options.reminderDays } : {}),
  });
}

export async function mails(template: string, db: DB = getDb()) {
  const rows = await db
    .selectFrom("email_outbox")
    .select(["idempotency_key", "recipient", "data", "locale", "subject"])
    .where("template", "=", template)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
}

/** The token of the newest invitation mailed to `to`. */
export async function invitationToken(to: string, db: DB = getDb()): Promise<string> {
  const mail = (await mails("invitation", db)).filter((m) => m.recipient === to).at(-1);
  if (!mail) throw new Error(`no invitation mailed to ${to}`);
  return String(mail.data.url).split("/delegacion/")[1];
}

/** The personal link's token of the newest confirmation (or waiting-list) mail to `to`. */
export async function manageToken(to: string, db: DB = getDb()): Promise<string> {
  const rows = await db.selectFrom("email_outbox").select("data").where("recipient", "=", to).orderBy("id", "desc").execute();
  for (const row of rows) {
    const url = (JSON.parse(row.data) as { manageUrl?: string }).manageUrl;
    if (url) return url.slice(url.lastIndexOf("/") + 1);
  }
  throw new Error(`no personal link mailed to ${to}`);
}

export const cityId = (dane: string) => cityIdOf(getDb(), dane);

export const delegate = (n: number | string, extra: Partial<{ fullName: string; email: string; entity: string; position: string }> = {}) => ({
  fullName: `Delegada ${n}`,
  email: `delegada.${n}@alcaldia.gov.co`,
  entity: "Secretaría de Gobierno",
  position: "Asesora",
  ...extra,
});

export const rows = (...people: ReturnType<typeof delegate>[]) => people.map((person, index) => ({ index, person }));
