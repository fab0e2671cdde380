import { beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "~/server/audit.server";
import { getDb } from "~/server/db.server";
import { makeParticipant } from "../factories";
import { tableContents } from "../helpers/table-contents";

// Issue #14, item 30: "a refused request writes nothing" compared row counts, so an UPDATE made
// before a refusal went unseen. The snapshot compares every row's values.

describe("tableContents", () => {
  // A person and an audit entry to change and replace below.
  beforeAll(async () => {
    const person = await makeParticipant(getDb());
    await recordAudit(getDb(), { actor: "system", action: "participant.create", entity: "participant", entityId: person.id });
  });

  it("is the same when nothing was written", async () => {
    expect(await tableContents()).toEqual(await tableContents());
  });

  it("sees an UPDATE of one column of one row, which changes no row count", async () => {
    const db = getDb();
    const person = await db.selectFrom("participants").select(["id", "full_name"]).orderBy("id").executeTakeFirstOrThrow();
    const before = await tableContents();
    await db
      .updateTable("participants")
      .set({ full_name: `${person.full_name} (cambiado)` })
      .where("id", "=", person.id)
      .execute();
    const after = await tableContents();
    expect(after.participants.rows).toBe(before.participants.rows);
    expect(after).not.toEqual(before);
    expect(Object.keys(before).filter((t) => before[t].digest !== after[t].digest)).toEqual(["participants"]);
  });

  it("sees a row replaced by another (a delete and an insert), which changes no row count", async () => {
    const db = getDb();
    const before = await tableContents();
    const row = await db.selectFrom("audit_log").selectAll().orderBy("id", "desc").executeTakeFirst();
    await db.insertInto("audit_log").values({ actor: "prueba", action: "prueba.reemplazo", entity: "prueba", entity_id: "1" }).execute();
    if (row) await db.deleteFrom("audit_log").where("id", "=", row.id).execute();
    const after = await tableContents();
    if (row) expect(after.audit_log.rows).toBe(before.audit_log.rows);
    expect(after.audit_log.digest).not.toBe(before.audit_log.digest);
  });

  it("leaves out the rate-limit counters, which a refused try is meant to move", async () => {
    const db = getDb();
    const before = await tableContents();
    await db.insertInto("rate_limits").values({ key: "prueba:contenido", window_started_at: new Date().toISOString(), hits: 1 }).execute();
    expect(await tableContents()).toEqual(before);
  });
});
