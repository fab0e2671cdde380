import type { DB } from "~db/client";
import type { Organizer } from "~db/schema";
import { createSession } from "~/server/session.server";
import { makeOrganizer, type OrganizerOverrides } from "./organizer";

/** The cookie a request sends for a Set-Cookie header's session (name=value, no attributes). */
function cookiePair(setCookie: string): string {
  return setCookie.split(";")[0];
}

/**
 * An organizer (as `makeOrganizer` makes one: role "organizer" unless told) already signed in:
 * a real session row, and `cookie`, the real signed cookie a request sends for it.
 */
export async function makeSignedInOrganizer(db: DB, overrides: OrganizerOverrides = {}): Promise<Organizer & { cookie: string }> {
  const organizer = await makeOrganizer(db, overrides);
  return { ...organizer, cookie: cookiePair(await createSession(db, { organizerId: organizer.id })) };
}
