import { createHash, randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import type { DB } from "~db/client";
import { getEnv } from "./env.server";

const sessionDays = 14;

function sessionCookie() {
  const env = getEnv();
  return createCookie("convoca_session", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: env.isProduction,
    secrets: [env.sessionSecret],
    maxAge: sessionDays * 86_400,
  });
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export type SessionSubject = { organizerId: number } | { participantId: number };

/** Stores only a hash of the cookie's random value; returns the Set-Cookie header. */
export async function createSession(db: DB, subject: SessionSubject): Promise<string> {
  const token = randomToken();
  await db
    .insertInto("sessions")
    .values({
      id: sha256(token),
      organizer_id: "organizerId" in subject ? subject.organizerId : null,
      participant_id: "participantId" in subject ? subject.participantId : null,
      expires_at: new Date(Date.now() + sessionDays * 86_400_000).toISOString(),
    })
    .execute();
  return sessionCookie().serialize(token);
}

async function tokenFrom(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

async function lookUpSession(db: DB, request: Request) {
  const token = await tokenFrom(request);
  if (!token) return null;
  const row = await db.selectFrom("sessions").select(["id", "organizer_id", "participant_id", "expires_at"]).where("id", "=", sha256(token)).executeTakeFirst();
  return row ?? null;
}

// A page's loader asks who is signed in more than once (the root: an organizer? a participant?;
// an encounter page: drafts visible? registered?): the cookie is checked and the row read once
// per request, and every caller gets that answer.
const lookups = new WeakMap<Request, { db: DB; row: ReturnType<typeof lookUpSession> }>();

export async function readSession(db: DB, request: Request) {
  let lookup = lookups.get(request);
  if (!lookup || lookup.db !== db) {
    lookup = { db, row: lookUpSession(db, request) };
    lookups.set(request, lookup);
  }
  const row = await lookup.row;
  if (!row || row.expires_at <= new Date().toISOString()) return null;
  return row;
}

/** Deletes the row (so the cookie is dead even if kept) and returns a clearing Set-Cookie. */
export async function destroySession(db: DB, request: Request): Promise<string> {
  lookups.delete(request);
  const token = await tokenFrom(request);
  if (token) await db.deleteFrom("sessions").where("id", "=", sha256(token)).execute();
  await db.deleteFrom("sessions").where("expires_at", "<=", new Date().toISOString()).execute();
  return sessionCookie().serialize("", { maxAge: 0 });
}
