import type { CompiledQuery } from "kysely";
import type { DB } from "~db/client";
import { isInTransaction } from "~db/write-transaction";

// The version of what anonymous visitors read, kept in the database so that every instance
// agrees on it (table public_versions, migration 2026_12_07_08). The public page cache
// (./public-cache.server.ts) reads it once per request and keeps each rendered page under it;
// a command that changes a public page calls publicPagesChanged in its own transaction, so the
// new version is committed together with the change, and a rollback takes both back.
//
// One counter for every public page (scope "public"), not one per encounter: the home lists
// every encounter and the materials pages list the general materials of all of them, so an
// edit to one encounter already reaches pages of the others; writes to public content are an
// organizer's few clicks while reads come in bursts; and one counter cannot miss a page.

const scope = "public";

/** What a cached page is kept under: the counter and the moment it last moved (a restored backup's counter may repeat; its moment will not). */
export type PublicVersion = string;

// Read on every anonymous request for a public page: compiled once per database handle.
const compiledReads = new WeakMap<DB, CompiledQuery<{ version: number; changed_at: string }>>();

export async function readPublicVersion(db: DB): Promise<PublicVersion> {
  let query = compiledReads.get(db);
  if (!query) {
    query = db.selectFrom("public_versions").select(["version", "changed_at"]).where("scope", "=", scope).compile();
    compiledReads.set(db, query);
  }
  const [row] = (await db.executeQuery(query)).rows;
  return row ? `${row.version}.${row.changed_at}` : "0";
}

/**
 * Raises the version of the public pages. Call it inside the transaction of the write that
 * changes what an anonymous visitor reads: the next request to any instance renders anew.
 */
export async function publicPagesChanged(trx: DB, now = new Date()): Promise<void> {
  if (!isInTransaction(trx)) throw new Error("publicPagesChanged va dentro de la transacción del cambio (writeTransaction).");
  const at = now.toISOString();
  await trx
    .insertInto("public_versions")
    .values({ scope, version: 1, changed_at: at })
    .onConflict((oc) => oc.column("scope").doUpdateSet((eb) => ({ version: eb("public_versions.version", "+", 1), changed_at: at })))
    .execute();
}

/** For commitments: the public progress page shows them only while the organizers allow it. */
export async function publicProgressChanged(trx: DB, encounterId: number): Promise<void> {
  const row = await trx.selectFrom("encounters").select("commitments_public").where("id", "=", encounterId).executeTakeFirst();
  if (row?.commitments_public) await publicPagesChanged(trx);
}
