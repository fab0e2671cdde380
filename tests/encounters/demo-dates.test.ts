import { describe, expect, it } from "vitest";
import { runFollowUp } from "~/features/commitments/follow-up/scheduler.server";
import { daysBetween, localDate } from "~/lib/calendar-date";
import { getDb } from "~/server/db.server";
import { useDemo } from "../helpers/demo";

// The demo seed itself (db/seed/demo-activity.ts): this file seeds it on purpose.
useDemo();

// The demo is seeded (here by useDemo, as by a first `npm start`) on the day it is created:
// its commitments are dated from that day, so the first follow-up run mails what a real
// programme would, not "vencido hace 858 días".

describe("the demo's commitments", () => {
  it("fall due around the day the demo is created, open ones mostly ahead", async () => {
    const db = getDb();
    const today = localDate(new Date(), "America/Bogota");
    const rows = await db.selectFrom("commitments").select(["due_date", "status", "created_at"]).execute();
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const row of rows) {
      expect(Math.abs(daysBetween(today, row.due_date))).toBeLessThanOrEqual(365);
      expect(row.due_date >= row.created_at.slice(0, 10)).toBe(true);
    }
    const open = rows.filter((r) => ["proposed", "in_progress", "at_risk"].includes(r.status));
    expect(open.filter((r) => r.due_date > today).length).toBeGreaterThan(open.length / 2);
    // Every update happened between the encounter and today.
    const updates = await db.selectFrom("commitment_updates").select("created_at").execute();
    for (const u of updates) expect(u.created_at <= new Date().toISOString()).toBe(true);
  });

  it("gets, on the first follow-up run, overdue notices and escalations counted in days or weeks", async () => {
    const db = getDb();
    await runFollowUp(db, new Date(), { appUrl: "http://convoca.test", secret: "secreto-de-prueba-con-mas-de-32-caracteres", runner: "demo" });
    const mails = await db
      .selectFrom("email_outbox")
      .select(["template", "data"])
      .where("template", "in", ["commitment-overdue", "commitment-escalation", "commitment-reminder"])
      .execute();
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      const data = JSON.parse(mail.data) as { daysOverdue?: number; daysLeft?: number };
      if (mail.template === "commitment-reminder") expect(data.daysLeft).toBeLessThanOrEqual(60);
      else expect(data.daysOverdue).toBeLessThanOrEqual(60);
    }
  });
});
