import { redirect } from "@remix-run/node";
import type { DB } from "~db/client";
import type { OrganizerRole } from "~db/schema";
import { getDb } from "./db.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";
import { readSession } from "./session.server";

export interface SignedInOrganizer {
  id: number;
  email: string;
  name: string;
  role: OrganizerRole;
}

/** A person signed in by email link. Their city is not here: it grants nothing by itself (see city-authority.server.ts). */
export interface SignedInParticipant {
  id: number;
  email: string;
  fullName: string;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function getOrganizer(request: Request, db: DB = getDb()): Promise<SignedInOrganizer | null> {
  const session = await readSession(db, request);
  if (!session?.organizer_id) return null;
  const row = await db
    .selectFrom("organizers")
    .select(["id", "email", "name", "role"])
    .where("id", "=", session.organizer_id)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  return row ?? null;
}

function signInRedirect(request: Request) {
  const url = new URL(request.url);
  return redirect(`/ingresar?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** Every organizer loader and action calls this itself: a layout's check protects nothing. */
export async function requireOrganizer(request: Request, db: DB = getDb()): Promise<SignedInOrganizer> {
  const organizer = await getOrganizer(request, db);
  if (!organizer) throw signInRedirect(request);
  return organizer;
}

export async function requireAdmin(request: Request, db: DB = getDb()): Promise<SignedInOrganizer> {
  const organizer = await requireOrganizer(request, db);
  if (organizer.role !== "admin") throw new Response("Solo administradores", { status: 403 });
  return organizer;
}

export async function getParticipant(request: Request, db: DB = getDb()): Promise<SignedInParticipant | null> {
  const session = await readSession(db, request);
  if (!session?.participant_id) return null;
  const row = await db.selectFrom("participants").select(["id", "email", "full_name"]).where("id", "=", session.participant_id).executeTakeFirst();
  return row ? { id: row.id, email: row.email, fullName: row.full_name } : null;
}

export async function requireParticipant(request: Request, db: DB = getDb()): Promise<SignedInParticipant> {
  const participant = await getParticipant(request, db);
  if (!participant) {
    const url = new URL(request.url);
    throw redirect(`/ingresar/enlace?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return participant;
}

/** Same work and same answer for an unknown email and a wrong password. */
export async function verifyOrganizerLogin(db: DB, email: string, password: string): Promise<SignedInOrganizer | null> {
  const row = await db
    .selectFrom("organizers")
    .select(["id", "email", "name", "role", "password_hash"])
    .where("email", "=", normalizeEmail(email))
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  const ok = await verifyPassword(password, row?.password_hash ?? (await dummyPasswordHash()));
  if (!row || !ok) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
