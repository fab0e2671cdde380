import { describe, expect, it } from "vitest";
import { getDb } from "~/server/db.server";
import { utcToWallTime } from "~/lib/time";
import { useDemo } from "../helpers/demo";

// The demo seed itself (db/seed/demo.ts), which the e2e smoke tests and a laptop demo start
// from: the one unit test file that seeds it on purpose.
useDemo();

describe("database and seed", () => {
  it("seeds the demo encounter with its seven agenda items at Bogotá local times", async () => {
    const db = getDb();
    const encounter = await db.selectFrom("encounters").selectAll().where("slug", "=", "bogota-2024").executeTakeFirstOrThrow();
    expect(encounter).toMatchObject({ capacity: 120, city_quota: 5, timezone: "America/Bogota", status: "published" });
    const items = await db.selectFrom("agenda_items").selectAll().where("encounter_id", "=", encounter.id).orderBy("position").execute();
    const local = items.map((i) => `${utcToWallTime(i.starts_at, encounter.timezone).time}-${utcToWallTime(i.ends_at, encounter.timezone).time} ${i.title}`);
    expect(local).toEqual([
      "08:00-08:30 Registro y bienvenida",
      "08:30-09:00 Instalación",
      "09:00-10:30 Panel: Política Integral Migratoria con enfoque territorial",
      "10:30-10:45 Receso",
      "10:45-12:15 Taller: Guía para la elaboración de PDT y PISCC",
      "12:15-13:00 Mesa de trabajo: prevención y atención de la trata de personas y el tráfico de migrantes",
      "13:00-13:30 Compromisos de las ciudades y cierre",
    ]);
    expect(utcToWallTime(encounter.starts_at, "America/Bogota").date).toBe("2024-02-29");
  });

  it("seeds an upcoming follow-up encounter open for registration", async () => {
    const e = await getDb().selectFrom("encounters").selectAll().where("slug", "=", "seguimiento").executeTakeFirstOrThrow();
    expect(e).toMatchObject({ capacity: 60, city_quota: 3, status: "published" });
    expect(new Date(e.starts_at).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(e.registration_opens_at!).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("gives several capitals a roster with a focal point and officials, so the cities' page has figures", async () => {
    const db = getDb();
    const focal = await db
      .selectFrom("city_roster")
      .innerJoin("cities", "cities.id", "city_roster.city_id")
      .select("cities.dane")
      .where("city_roster.role", "=", "focal_point")
      .where("city_roster.withdrawn_at", "is", null)
      .execute();
    expect(focal.length).toBeGreaterThanOrEqual(5);
    expect(focal.map((f) => f.dane)).toContain("11001");
    const addedByFocal = await db.selectFrom("city_roster").select("entity").where("verified_via", "=", "focal_point").execute();
    expect(addedByFocal.length).toBeGreaterThanOrEqual(2);
    expect(addedByFocal.every((r) => r.entity !== "")).toBe(true);
  });

  it("seeds a message that went to bogota-2024's people and one scheduled for 09:00 in Bogotá", async () => {
    const db = getDb();
    const encounter = await db.selectFrom("encounters").select("id").where("slug", "=", "bogota-2024").executeTakeFirstOrThrow();
    const messages = await db.selectFrom("messages").selectAll().where("encounter_id", "=", encounter.id).orderBy("id").execute();
    expect(messages.map((m) => [m.kind, m.status])).toEqual([
      ["message", "sent"],
      ["message", "scheduled"],
    ]);
    const confirmed = await db.selectFrom("registrations").select("id").where("encounter_id", "=", encounter.id).where("status", "=", "confirmed").execute();
    expect(messages[0].recipients).toBe(confirmed.length);
    const mail = await db.selectFrom("email_outbox").select("status").where("idempotency_key", "like", `message:${messages[0].id}:%`).execute();
    expect(mail).toHaveLength(confirmed.length);
    expect(new Set(mail.map((m) => m.status))).toEqual(new Set(["sent"]));
    expect(new Date(messages[1].send_at!).getTime()).toBeGreaterThan(Date.now());
    expect(utcToWallTime(messages[1].send_at!, "America/Bogota").time).toBe("09:00");
  });

  it("gives bogota-2024 a configured certificate and published minutes", async () => {
    const db = getDb();
    const encounter = await db.selectFrom("encounters").select("id").where("slug", "=", "bogota-2024").executeTakeFirstOrThrow();
    const { loadCertificateDesign } = await import("~/features/certificates/design.server");
    const { getEnv } = await import("~/server/env.server");
    const design = await loadCertificateDesign(db, encounter.id, getEnv().uploadsDir);
    expect(design.logos).toHaveLength(2);
    expect(design.signatories.map((s) => [s.name, s.signature !== null])).toEqual([
      ["Luz Marina Ospina", true],
      ["Jean-Philippe Antolin", false],
    ]);
    const { minutesOf } = await import("~/features/minutes/queries.server");
    const minutes = await minutesOf(db, encounter.id);
    expect(minutes.publishedAt).not.toBeNull();
    expect(minutes.body).toContain("## Acuerdos");
    expect(minutes.sessions.filter((s) => s.body)).toHaveLength(1);
  });
});
