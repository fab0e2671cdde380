import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { dialectOf } from "~db/client";
import * as invitations from "~db/migrations/2026_12_07_07_invitations";
import { getDb } from "~/server/db.server";
import { makeRegistration } from "../factories";
import { tableContents } from "../helpers/table-contents";

// Migration 2026_12_07_07 replaces registrations.source's CHECK (SQLite by rebuilding the
// table): taken down and run again over registrations that other tables point at, every row,
// index and reference stays; 'delegation' is accepted only while it is applied.

async function registrationIndexes(): Promise<string[]> {
  const db = getDb();
  const rows =
    dialectOf(db) === "postgres"
      ? (await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename = 'registrations'`.execute(db))
          .rows
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'registrations'`.execute(db)).rows;
  return rows.map((r) => r.name).sort();
}

const tryDelegationSource = (id: number) =>
  getDb()
    .updateTable("registrations")
    .set({ source: "delegation" })
    .where("id", "=", id)
    .execute()
    .then(() => "accepted")
    .catch(() => "refused");

describe("migration 2026_12_07_07 over existing registrations", () => {
  it("keeps every row, index and reference through down and up, and accepts the source 'delegation' only when applied", async () => {
    const db = getDb();
    const confirmed = await makeRegistration(db);
    const waiting = await makeRegistration(db, { status: "waitlisted", encounter_id: confirmed.encounter_id });
    await db.insertInto("certificates").values({ registration_id: confirmed.id, code: "MIGRA-CION1" }).execute();
    const indexes = await registrationIndexes();
    expect(indexes).toContain("registrations_invitation");

    await invitations.down(db);
    expect(await tryDelegationSource(waiting.id)).toBe("refused");
    expect(await registrationIndexes()).toEqual(indexes.filter((name) => name !== "registrations_invitation"));
    const before = await tableContents();

    await invitations.up(db);
    const after = await tableContents();
    // Only the new columns and the new table differ: every registration keeps its values.
    const kept = await db.selectFrom("registrations").select(["id", "status", "waitlist_position", "invitation_id"]).orderBy("id").execute();
    expect(kept.map((r) => [r.id, r.status, r.waitlist_position, r.invitation_id])).toEqual([
      [confirmed.id, "confirmed", null, null],
      [waiting.id, "waitlisted", waiting.waitlist_position, null],
    ]);
    expect(after.certificates).toEqual(before.certificates);
    expect(after.encounters.rows).toBe(before.encounters.rows);
    expect(await registrationIndexes()).toEqual(indexes);
    expect(await tryDelegationSource(waiting.id)).toBe("accepted");
    // References to registrations still hold and still cascade.
    await db.deleteFrom("registrations").where("id", "=", confirmed.id).execute();
    expect(await db.selectFrom("certificates").select("id").where("registration_id", "=", confirmed.id).execute()).toEqual([]);
    if (dialectOf(db) === "sqlite") {
      expect((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db)).rows[0].foreign_keys).toBe(1);
      expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([]);
    }
  });
});
