import { beforeAll } from "vitest";
import { seedDemo as seedDemoRows } from "~db/seed/demo";
import { writeTransaction } from "~db/write-transaction";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";

// The demo (two encounters, their agenda, a guide, the demo organizer and activity) is for the
// e2e smoke tests and for the unit tests of the demo itself: tests/db/demo-seed.test.ts and
// tests/encounters/demo-dates.test.ts, which call `useDemo()` at their top. The unit setup
// does not seed it: every other test builds its own data with tests/factories.

/** Seeds the demo into this test file's database now (call it once, before other rows exist). */
export async function seedDemo(): Promise<void> {
  await writeTransaction(getDb(), (trx) => seedDemoRows(trx, { uploadsDir: getEnv().uploadsDir }));
}

/** Seeds the demo before this file's tests run. */
export function useDemo(): void {
  beforeAll(seedDemo);
}
