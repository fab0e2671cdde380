import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createDb, describeDatabaseUrl, openSqlite, postgresPoolConfig, sqlitePathFromUrl, withoutPasswords } from "~db/client";
import { announceOutboxWrite, listenForOutboxWrites } from "~/features/mail/outbox-notify.server";
import { getDb } from "~/server/db.server";
import { makeEncounter } from "../factories";
import { testDialect } from "../helpers/test-database";

describe("database and seed", () => {
  it("has the 32 capital cities with unique DANE codes", async () => {
    const cities = await getDb().selectFrom("cities").select(["dane", "name"]).execute();
    expect(cities).toHaveLength(32);
    expect(new Set(cities.map((c) => c.dane)).size).toBe(32);
    expect(cities.find((c) => c.dane === "11001")?.name).toBe("Bogotá D.C.");
  });

  it("enforces foreign keys", async () => {
    const db = getDb();
    const now = new Date().toISOString();
    await expect(
      db
        .insertInto("participants")
        .values({ email: "fk@example.org", full_name: "FK", city_id: 999_999, entity: "x", position: "x", updated_at: now })
        .execute(),
    ).rejects.toThrow(/foreign key|FOREIGN KEY/);
  });

  if (testDialect === "sqlite")
    it("runs SQLite with WAL and foreign keys on", async () => {
      const db = getDb();
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
      expect(journal.rows[0].journal_mode).toBe("wal");
      expect(fk.rows[0].foreign_keys).toBe(1);
    });

  if (testDialect === "postgres")
    it("runs PostgreSQL in the schema its URL names", async () => {
      const db = getDb();
      const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
      expect(current.rows[0].schema).toBe(new URL(process.env.DATABASE_URL!).searchParams.get("schema"));
      const tables = await sql<{
        n: number;
      }>`select count(*) as n from information_schema.tables where table_schema = current_schema() and table_name = 'encounters'`.execute(db);
      expect(tables.rows[0].n).toBe(1);
    });

  it("refuses values outside the enumerations and broken references", async () => {
    const db = getDb();
    await makeEncounter(db, { slug: "bogota-2024" });
    await expect(
      db
        .updateTable("encounters")
        .set({ status: "bogus" as never })
        .where("slug", "=", "bogota-2024")
        .execute(),
    ).rejects.toThrow(/CHECK|check constraint/);
    await expect(
      db
        .insertInto("agenda_items")
        .values({ encounter_id: 9999, starts_at: "x", ends_at: "x", title: "t", description: "", kind: "panel", room: "", position: 0 })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY|foreign key/);
  });
});

describe("database URLs", () => {
  it("refuses a schema name that is not a plain identifier before it reaches search_path or a command line", () => {
    for (const schema of ["public;drop table encounters", "t x", "Mayúsculas", "1abc", "a-b"]) {
      expect(() => postgresPoolConfig(`postgres://u@127.0.0.1/convoca?schema=${encodeURIComponent(schema)}`), schema).toThrow(/Esquema no válido/);
    }
    expect(postgresPoolConfig("postgres://u@127.0.0.1/convoca?schema=t_abc123").options).toBe("-c search_path=t_abc123");
  });

  it("refuses to open a PostgreSQL URL as a SQLite file (it would create an empty file named after it)", () => {
    expect(() => openSqlite("postgres://u@127.0.0.1/convoca")).toThrow(/PostgreSQL/);
    expect(() => sqlitePathFromUrl("postgresql://u@127.0.0.1/convoca")).toThrow(/pg_dump/);
  });

  it("never shows a password in what it prints", () => {
    const url = "postgres://convoca:s3cr%C3%A9to@db.internal:5432/convoca?schema=t_1";
    expect(describeDatabaseUrl(url)).toBe("postgres://convoca:****@db.internal:5432/convoca?schema=t_1");
    expect(withoutPasswords(`falló ${url} (clave s3créto)`, [url])).not.toMatch(/s3cr/);
    expect(describeDatabaseUrl("data/convoca.db")).toBe("data/convoca.db");
  });
});

// What a PostgreSQL restart or failover does to a running instance: the server drops every
// connection. Neither the web process nor the mail worker may die of it.
if (testDialect === "postgres")
  describe("when PostgreSQL drops the connections", () => {
    const tagged = (name: string) => {
      const url = new URL(process.env.DATABASE_URL!);
      url.searchParams.set("application_name", name);
      return url.toString();
    };
    const dropConnections = (name: string) => sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${name}`.execute(getDb());

    it("replaces a dropped idle connection instead of ending the process", async () => {
      const name = `convoca_drop_${Date.now()}`;
      const db = createDb(tagged(name));
      try {
        await db.selectFrom("cities").select("id").limit(1).execute();
        const dropped = await dropConnections(name);
        expect(dropped.rows).toHaveLength(1);
        // An unheard 'error' event of the pool would end this process here.
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(await db.selectFrom("cities").select("id").limit(1).execute()).toHaveLength(1);
      } finally {
        await db.destroy();
      }
    });

    it("reopens the mail worker's LISTEN connection, so queued mail still wakes it", async () => {
      const name = `convoca_listen_${Date.now()}`;
      const logged: string[] = [];
      let wakes = 0;
      const stop = listenForOutboxWrites(
        tagged(name),
        () => wakes++,
        (m) => logged.push(m),
      );
      try {
        await waitFor(() => wakes >= 1, 5_000); // the first look, once listening
        await dropConnections(name);
        await waitFor(() => logged.some((m) => m.includes("se perdió")), 5_000);
        const before = wakes;
        await waitFor(() => wakes > before, 10_000); // reconnected (its first look)
        const after = wakes;
        await getDb()
          .transaction()
          .execute((trx) => announceOutboxWrite(trx));
        await waitFor(() => wakes > after, 5_000);
      } finally {
        await stop();
      }
    });
  });

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`No ocurrió en ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
