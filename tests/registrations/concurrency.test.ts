import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { makeEncounter } from "./helpers";

// 320 registrations at the same instant from 4 processes writing the same SQLite file, against
// an encounter with 50 places and 2 per city (32 cities, 10 people each): confirmed never pass
// either limit, everyone else is waitlisted in order, and no request fails.

type Answer = { i: number; status: number; ok: boolean; error?: string };

function child(slug: string, from: number, count: number, startAt: number): Promise<Answer[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", "tests/registrations/burst-child.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: getEnv().databaseUrl,
        SLUG: slug,
        FROM: String(from),
        COUNT: String(count),
        START_AT: String(startAt),
        MAIL_WORKER: "off",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    proc.stdout.on("data", (d) => (out += d));
    proc.stderr.on("data", (d) => (err += d));
    proc.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!).answers) : reject(new Error(`proceso ${from}: ${code}\n${err}`)),
    );
  });
}

describe("registrations at the same instant from several processes", () => {
  it("never exceed capacity or the city quota; the rest wait in order; none fails", { timeout: 120_000 }, async () => {
    const db = getDb();
    const capacity = 50;
    const quota = 2;
    const encounter = await makeEncounter({ capacity, quota });
    const processes = 4;
    const perProcess = 80;
    // Children take a moment to start: all of them fire at the same instant, a little later.
    const startAt = Date.now() + 4000;
    const answers = (await Promise.all(Array.from({ length: processes }, (_, p) => child(encounter.slug, p * perProcess, perProcess, startAt)))).flat();

    expect(answers).toHaveLength(processes * perProcess);
    expect(answers.filter((a) => !a.ok)).toEqual([]);

    const regs = await db
      .selectFrom("registrations")
      .innerJoin("participants", "participants.id", "registrations.participant_id")
      .select(["registrations.id", "registrations.status", "registrations.waitlist_position", "participants.city_id", "participants.email"])
      .where("registrations.encounter_id", "=", encounter.id)
      .orderBy("registrations.id")
      .execute();
    expect(regs).toHaveLength(processes * perProcess);
    const confirmed = regs.filter((r) => r.status === "confirmed");
    const waitlisted = regs.filter((r) => r.status === "waitlisted");
    expect(confirmed.length + waitlisted.length).toBe(regs.length);

    // Never past the encounter's capacity nor any city's quota...
    expect(confirmed.length).toBeLessThanOrEqual(capacity);
    const perCity = new Map<number, number>();
    for (const r of confirmed) perCity.set(r.city_id, (perCity.get(r.city_id) ?? 0) + 1);
    expect(Math.max(...perCity.values())).toBeLessThanOrEqual(quota);
    // ...and every place that could be given was given: 32 cities x 2 > 50, so all 50.
    expect(confirmed.length).toBe(capacity);

    // The counters agree with the rows.
    const enc = await db.selectFrom("encounters").select(["confirmed_count", "waitlist_seq"]).where("id", "=", encounter.id).executeTakeFirstOrThrow();
    expect(enc.confirmed_count).toBe(confirmed.length);
    const places = await db.selectFrom("encounter_city_places").select(["city_id", "confirmed_count"]).where("encounter_id", "=", encounter.id).execute();
    for (const p of places) expect(p.confirmed_count).toBe(perCity.get(p.city_id) ?? 0);

    // The waiting line: positions 1..n, each once, in the order the registrations were written.
    const positions = waitlisted.map((r) => r.waitlist_position!);
    expect(positions).toEqual(Array.from({ length: waitlisted.length }, (_, k) => k + 1));
    expect(enc.waitlist_seq).toBe(waitlisted.length);

    // One mail per person: a confirmation or a waiting-list notice.
    const mails = await db.selectFrom("email_outbox").select(["recipient", "template"]).where("recipient", "like", `rafaga.${encounter.slug}.%`).execute();
    expect(mails).toHaveLength(regs.length);
    expect(mails.filter((m) => m.template === "registration-confirmed")).toHaveLength(confirmed.length);
    expect(mails.filter((m) => m.template === "registration-waitlisted")).toHaveLength(waitlisted.length);
  });
});
