import { verifyByOrganizer } from "~/models/city-roster.server";
import { getDb } from "~/utils/db.server";
import { createSession } from "~/utils/session.server";

// Signed-in requests for route tests: a real session row and its real signed cookie.

function cookiePair(setCookie: string): string {
  return setCookie.split(";")[0];
}

export async function organizerCookie(email = "organizadora@convoca.test"): Promise<string> {
  const db = getDb();
  const organizer = await db.selectFrom("organizers").select("id").where("email", "=", email).executeTakeFirstOrThrow();
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
 * A participant of the given city who speaks for it: verified by the first organizer through
 * the real roster (a typed city grants nothing by itself).
 */
export async function verifiedParticipant(email: string, cityDane = "11001"): Promise<number> {
  const id = await ensureParticipant(email, cityDane);
  const organizer = await getDb().selectFrom("organizers").select("id").orderBy("id").executeTakeFirstOrThrow();
  await verifyByOrganizer(getDb(), id, organizer.id);
  return id;
}
