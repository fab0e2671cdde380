import type { DB } from "~db/client";

// What every factory shares: a counter for unique defaults, and small lookups. Each test file
// runs in its own module context with its own database, so a per-file counter is unique enough.

let last = 0;

/** The next number of this test file's sequence: 1, 2, 3… */
export function sequence(): number {
  last += 1;
  return last;
}

/** An instant `days` from now at `hourUtc`:00 UTC, as the ISO text the database stores. */
export function inDays(days: number, hourUtc = 13): string {
  const at = new Date(Date.now() + days * 86_400_000);
  at.setUTCHours(hourUtc, 0, 0, 0);
  return at.toISOString();
}

/** A capital city's id by its DANE code (cities are reference data, present in every database). */
export async function cityIdOf(db: DB, dane: string): Promise<number> {
  return (await db.selectFrom("cities").select("id").where("dane", "=", dane).executeTakeFirstOrThrow()).id;
}

/** A few capital cities by DANE code. */
export const dane = {
  bogota: "11001",
  medellin: "05001",
  cali: "76001",
  barranquilla: "08001",
  cartagena: "13001",
  ibague: "73001",
  riohacha: "44001",
} as const;
