import { verifyByOrganizer } from "~/features/cities/commands.server";
import { getDb } from "~/server/db.server";
import { createSession } from "~/server/session.server";
import { makeOrganizer } from "../factories";
import { call } from "./route";

// Signed-in requests for route tests: a real session row and its real signed cookie.

function cookiePair(setCookie: string): string {
  return setCookie.split(";")[0];
}

/** A new session's cookie for the organizer with `email`, or else for the test's first organizer. */
export async function organizerCookie(email?: string): Promise<string> {
  const db = getDb();
  let query = db.selectFrom("organizers").select("id");
  query = email === undefined ? query.orderBy("id").limit(1) : query.where("email", "=", email);
  const organizer = await query.executeTakeFirstOrThrow();
  return cookiePair(await createSession(db, { organizerId: organizer.id }));
}

export async function participantCookie(participantId: number): Promise<string> {
  return cookiePair(await createSession(getDb(), { participantId }));
}

/** A participant of the given city (DANE code), created if needed, for city-scoped tests. */
export async function ensureParticipant(email: string, cityDane = "11001"): Promise<number> {
  const db = getDb();
  const existing = await db.selectFrom("participants").select("id").where("email", "=", email).executeTakeFirst();
  if (existing) return existing.id;
  const city = await db.selectFrom("cities").select("id").where("dane", "=", cityDane).executeTakeFirstOrThrow();
  const row = await db
    .insertInto("participants")
    .values({
      email,
      full_name: "Persona de prueba",
      city_id: city.id,
      entity: "Alcaldía",
      position: "Profesional",
      updated_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export function formRequest(url: string, fields: Record<string, string>, init: { cookie?: string; headers?: Record<string, string> } = {}): Request {
  const body = new URLSearchParams(fields);
  return new Request(new URL(url, "http://localhost").href, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(init.cookie ? { Cookie: init.cookie } : {}), ...init.headers },
  });
}

export function getRequest(url: string, cookie?: string, headers: Record<string, string> = {}): Request {
  return new Request(new URL(url, "http://localhost").href, { headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers } });
}

/**
 * A participant of the given city who speaks for it: verified by the first organizer (one made
 * for it when the test has none) through the real roster (a typed city grants nothing by itself).
 */
export async function verifiedParticipant(email: string, cityDane = "11001"): Promise<number> {
  const db = getDb();
  const id = await ensureParticipant(email, cityDane);
  const organizer = (await db.selectFrom("organizers").select("id").orderBy("id").executeTakeFirst()) ?? (await makeOrganizer(db));
  await verifyByOrganizer(db, id, organizer.id);
  return id;
}

/**
 * A participant's session obtained the way a registrant gets one: ask for a sign-in link at
 * /ingresar/enlace, read the link from the mail in the outbox, and confirm it (POST).
 */
export async function emailLinkCookie(email: string, clientIp = "192.0.2.77"): Promise<string> {
  const requestLink = await import("~/routes/ingresar.enlace._index");
  const confirm = await import("~/routes/ingresar.enlace.$token");
  const asked = await call(() => requestLink.action({ request: formRequest("/ingresar/enlace", { email }), params: {}, context: { clientIp } }));
  if (asked.status !== 200) throw new Error(`sign-in link for ${email}: ${asked.status}`);
  const mail = await getDb()
    .selectFrom("email_outbox")
    .select("data")
    .where("recipient", "=", email)
    .where("template", "=", "sign-in-link")
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const url = String(JSON.parse(mail.data).url);
  const token = url.slice(url.lastIndexOf("/") + 1);
  const signedIn = await call(() => confirm.action({ request: formRequest(`/ingresar/enlace/${token}`, {}), params: { token }, context: { clientIp } }));
  const setCookie = signedIn.headers.get("Set-Cookie");
  if (signedIn.status !== 302 || !setCookie) throw new Error(`signing in ${email} by link: ${signedIn.status}`);
  return cookiePair(setCookie);
}
