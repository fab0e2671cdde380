import { describe, expect, it } from "vitest";
import * as confirm from "~/routes/ingresar.enlace.$token";
import * as requestLink from "~/routes/ingresar.enlace._index";
import * as myAccount from "~/routes/mi-cuenta";
import { getDb } from "~/server/db.server";
import { sha256 } from "~/server/session.server";
import { ensureParticipant, formRequest, getRequest } from "../helpers/auth";
import { call, ctx } from "../helpers/route";

async function askForLink(email: string, clientIp = "198.51.100.20") {
  return call(() => requestLink.action({ request: formRequest("/ingresar/enlace", { email }), params: {}, context: ctx(clientIp) }));
}

/** The token travels only inside the email: read it back from the outbox row. */
async function tokenMailedTo(email: string): Promise<string> {
  const row = await getDb()
    .selectFrom("email_outbox")
    .select(["data", "template"])
    .where("recipient", "=", email)
    .where("template", "=", "sign-in-link")
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const url = String(JSON.parse(row.data).url);
  return url.slice(url.lastIndexOf("/") + 1);
}

describe("authority sign-in by magic link", () => {
  it("answers the same for a known and an unknown address, and mails only the known one", async () => {
    await ensureParticipant("funcionaria@cali.gov.co", "76001");
    const known = await askForLink("funcionaria@cali.gov.co");
    const unknown = await askForLink("desconocida@cali.gov.co");
    expect(known).toEqual(unknown);
    expect(known.data.sent).toBe(true);
    const rows = await getDb().selectFrom("email_outbox").select("recipient").where("template", "=", "sign-in-link").execute();
    expect(rows.map((r) => r.recipient)).toEqual(["funcionaria@cali.gov.co"]);
  });

  it("stores only a hash of a 256-bit token that expires in 15 minutes", async () => {
    await ensureParticipant("hash@cali.gov.co", "76001");
    await askForLink("hash@cali.gov.co");
    const token = await tokenMailedTo("hash@cali.gov.co");
    expect(token.length).toBeGreaterThanOrEqual(43);
    const row = await getDb().selectFrom("login_tokens").selectAll().where("email", "=", "hash@cali.gov.co").executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const minutes = (new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()) / 60_000;
    expect(minutes).toBeCloseTo(15, 0);
  });

  it("shows a button on GET without using the token; the POST signs in once", async () => {
    const participantId = await ensureParticipant("once@cali.gov.co", "76001");
    await askForLink("once@cali.gov.co");
    const token = await tokenMailedTo("once@cali.gov.co");
    const url = `/ingresar/enlace/${token}`;
    for (let i = 0; i < 2; i++) {
      const scanned = await call(() => confirm.loader({ request: getRequest(url), params: { token }, context: ctx() }));
      expect(scanned.data.valid).toBe(true);
    }
    const first = await call(() => confirm.action({ request: formRequest(url, {}), params: { token }, context: ctx() }));
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/mi-cuenta");
    const cookie = first.headers.get("Set-Cookie")!.split(";")[0];
    const account = await call(() => myAccount.loader({ request: getRequest("/mi-cuenta", cookie), params: {}, context: {} }));
    expect(account.data.email).toBe("once@cali.gov.co");
    const session = await getDb().selectFrom("sessions").select("participant_id").where("participant_id", "=", participantId).executeTakeFirst();
    expect(session).toBeDefined();

    const second = await call(() => confirm.action({ request: formRequest(url, {}), params: { token }, context: ctx() }));
    expect(second.status).toBe(410);
    const after = await call(() => confirm.loader({ request: getRequest(url), params: { token }, context: ctx() }));
    expect(after.data.valid).toBe(false);
  });

  it("refuses an expired or made-up token", async () => {
    await ensureParticipant("late@cali.gov.co", "76001");
    await askForLink("late@cali.gov.co");
    const token = await tokenMailedTo("late@cali.gov.co");
    await getDb()
      .updateTable("login_tokens")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("token_hash", "=", sha256(token))
      .execute();
    const expired = await call(() => confirm.action({ request: formRequest("/x", {}), params: { token }, context: ctx() }));
    expect(expired.status).toBe(410);
    const madeUp = await call(() => confirm.action({ request: formRequest("/x", {}), params: { token: "a".repeat(43) }, context: ctx() }));
    expect(madeUp.status).toBe(410);
  });

  it("sends an anonymous visitor of /mi-cuenta to the magic-link page", async () => {
    const r = await call(() => myAccount.loader({ request: getRequest("/mi-cuenta"), params: {}, context: {} }));
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe("/ingresar/enlace?redirectTo=%2Fmi-cuenta");
  });

  // Issue 14, items 6 and 16: the eleventh request for an address used to answer 429, so anyone
  // could keep an official out; now an address is never refused, and gets at most three mails
  // an hour, the answer saying the same whatever happened.
  it("limits link mails per address, never the address's sign-in: the same answer every time, three mails an hour", async () => {
    await ensureParticipant("flood@cali.gov.co", "76001");
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push(await askForLink("flood@cali.gov.co", `203.0.113.${i + 1}`));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ status: 200, data: { sent: true } });
    const mails = await getDb().selectFrom("email_outbox").select("id").where("recipient", "=", "flood@cali.gov.co").execute();
    expect(mails).toHaveLength(3);
  });

  it("past the mail budget, a known and an unknown address still get the same answer", async () => {
    await ensureParticipant("tope@cali.gov.co", "76001");
    const known = [];
    const unknown = [];
    for (let i = 0; i < 5; i++) {
      known.push(await askForLink("tope@cali.gov.co", `203.0.113.${120 + i}`));
      unknown.push(await askForLink("tope-desconocida@cali.gov.co", `203.0.113.${130 + i}`));
    }
    for (const answer of [...known, ...unknown]) expect(answer).toEqual(known[0]);
    const mails = await getDb()
      .selectFrom("email_outbox")
      .select("recipient")
      .where("recipient", "in", ["tope@cali.gov.co", "tope-desconocida@cali.gov.co"])
      .execute();
    expect(mails.map((m) => m.recipient)).toEqual(["tope@cali.gov.co", "tope@cali.gov.co", "tope@cali.gov.co"]);
  });

  it("does the same writes for a known and an unknown address; only the known one's token names it and gets a mail", async () => {
    await ensureParticipant("misma-obra@cali.gov.co", "76001");
    const db = getDb();
    const count = async (table: "login_tokens" | "rate_limits" | "email_outbox") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const writes = async (email: string, ip: string) => {
      const before = { tokens: await count("login_tokens"), counters: await count("rate_limits"), mail: await count("email_outbox") };
      await askForLink(email, ip);
      return {
        tokens: (await count("login_tokens")) - before.tokens,
        counters: (await count("rate_limits")) - before.counters,
        mail: (await count("email_outbox")) - before.mail,
      };
    };
    const known = await writes("misma-obra@cali.gov.co", "203.0.113.140");
    const unknown = await writes("misma-obra-no@cali.gov.co", "203.0.113.141");
    expect(known).toEqual({ tokens: 1, counters: 2, mail: 1 });
    expect(unknown).toEqual({ tokens: 1, counters: 2, mail: 0 });
    const newest = await db.selectFrom("login_tokens").select("email").orderBy("id", "desc").limit(2).execute();
    expect(newest.map((t) => t.email)).toEqual(["", "misma-obra@cali.gov.co"]);
    expect(JSON.stringify(await db.selectFrom("login_tokens").selectAll().execute())).not.toContain("misma-obra-no@");
  });

  it("lets a whole room on one address ask for links, up to 200 in 15 minutes", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) statuses.push((await askForLink(`funcionario${i}@cali.gov.co`, "198.51.100.77")).status);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect((await askForLink("uno-mas@cali.gov.co", "198.51.100.77")).status).toBe(429);
  });

  it("counts only wrong links against a room's address: forty people sign in from one Wi-Fi", async () => {
    const venue = "198.51.100.88";
    for (let i = 0; i < 40; i++) {
      const email = `mesa${i}@cali.gov.co`;
      await ensureParticipant(email, "76001");
      await askForLink(email, venue);
      const token = await tokenMailedTo(email);
      const seen = await call(() => confirm.loader({ request: getRequest(`/ingresar/enlace/${token}`), params: { token }, context: ctx(venue) }));
      expect(seen.status).toBe(200);
      const signedIn = await call(() => confirm.action({ request: formRequest(`/ingresar/enlace/${token}`, {}), params: { token }, context: ctx(venue) }));
      expect(signedIn.status).toBe(302);
    }
  });

  it("refuses a malformed address with a 400 and writes nothing", async () => {
    const before = await getDb().selectFrom("login_tokens").select("id").execute();
    const r = await askForLink("no es un correo\r\nBcc: x@y.z");
    expect(r.status).toBe(400);
    expect(r.data.error.email).toEqual(["email"]);
    const after = await getDb().selectFrom("login_tokens").select("id").execute();
    expect(after.length).toBe(before.length);
  });
});
