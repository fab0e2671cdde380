import type { Insertable } from "kysely";
import type { DB } from "~db/client";
import type { Organizer, OrganizersTable } from "~db/schema";
import { hashPassword } from "~/server/password.server";
import { sequence } from "./sequence";

/** The password of every organizer a factory makes, unless the test gives another. */
export const organizerPassword = "contraseña-de-prueba";

// Hashing (scrypt) is the slow part; the default password's hash is computed once per file.
let defaultHash: Promise<string> | undefined;

export type OrganizerOverrides = Partial<Insertable<OrganizersTable>> & { password?: string };

/** An organizer (role "organizer" unless told) who can sign in with `organizerPassword`. */
export async function makeOrganizer(db: DB, overrides: OrganizerOverrides = {}): Promise<Organizer> {
  const { password, ...columns } = overrides;
  const n = sequence();
  const passwordHash = password === undefined ? await (defaultHash ??= hashPassword(organizerPassword)) : await hashPassword(password);
  return db
    .insertInto("organizers")
    .values({ email: `organizador.${n}@convoca.test`, name: `Organizador de prueba ${n}`, role: "organizer", password_hash: passwordHash, ...columns })
    .returningAll()
    .executeTakeFirstOrThrow();
}
