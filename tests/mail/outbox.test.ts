import { beforeEach, describe, expect, it } from "vitest";
import { dispatchBatch } from "~/features/mail/dispatcher.server";
import { enqueueEmail, InvalidEmailError } from "~/features/mail/outbox.server";
import { isValidRecipient } from "~/features/mail/rules";
import { getDb } from "~/server/db.server";
import { useSmtpDelivery } from "../helpers/smtp-delivery";
import { sampleData } from "./fixtures";

const smtp = useSmtpDelivery();
beforeEach(async () => {
  await getDb().deleteFrom("email_outbox").execute();
  smtp.sink.received.length = 0;
});

const signIn = (key: string, to = "ana@example.test") => ({ key, to, template: "sign-in-link", locale: "es", data: sampleData["sign-in-link"] }) as const;

const outboxCount = async () =>
  Number(
    (
      await getDb()
        .selectFrom("email_outbox")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("the outbox", () => {
  it("never sends a message written in a transaction that rolled back", async () => {
    const db = getDb();
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueueEmail(trx, signIn("login:rolled-back"));
        throw new Error("the change that caused the mail failed");
      }),
    ).rejects.toThrow("the change that caused the mail failed");
    await enqueueEmail(db, signIn("login:committed", "otra@example.test"));

    const result = await dispatchBatch({ db, transport: smtp.transport, from: smtp.from });
    expect(result).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.sink.received.map((m) => m.to)).toEqual([["otra@example.test"]]);
    expect(await db.selectFrom("email_outbox").select("idempotency_key").execute()).toEqual([{ idempotency_key: "login:committed" }]);
  });

  it("sends once when the same key is written twice", async () => {
    const db = getDb();
    expect(await enqueueEmail(db, signIn("registration:42:confirmed"))).toEqual({ enqueued: true });
    const second = await db.transaction().execute((trx) => enqueueEmail(trx, signIn("registration:42:confirmed", "otra@example.test")));
    expect(second).toEqual({ enqueued: false });

    await dispatchBatch({ db, transport: smtp.transport, from: smtp.from });
    await dispatchBatch({ db, transport: smtp.transport, from: smtp.from });
    expect(smtp.sink.received).toHaveLength(1);
    expect(smtp.sink.received[0].to).toEqual(["ana@example.test"]);
    // Once sent, the key still blocks a new row: the reason has been dealt with.
    expect(await enqueueEmail(db, signIn("registration:42:confirmed"))).toEqual({ enqueued: false });
    await dispatchBatch({ db, transport: smtp.transport, from: smtp.from });
    expect(smtp.sink.received).toHaveLength(1);
  });

  it("refuses line breaks in header-bound values, and writes nothing", async () => {
    const db = getDb();
    const attempts = [
      () => enqueueEmail(db, signIn("injection:1", "ana@example.test\r\nBcc: victima@example.test")),
      () => enqueueEmail(db, { ...signIn("injection:2"), data: { ...sampleData["sign-in-link"], name: "Ana\r\nBcc: victima@example.test" } }),
      () =>
        enqueueEmail(db, {
          key: "injection:3",
          to: "ana@example.test",
          template: "materials-available",
          locale: "es",
          // The encounter's title goes into the Subject header.
          data: { ...sampleData["materials-available"], encounter: { title: "Guía\nBcc: victima@example.test" } },
        }),
      () =>
        enqueueEmail(db, {
          key: "injection:4",
          to: "ana@example.test",
          template: "registration-confirmed",
          locale: "es",
          data: {
            ...sampleData["registration-confirmed"],
            attachments: [{ filename: "a.ics\r\nContent-Type: text/html", contentType: "text/calendar", content: "x" }],
          },
        }),
      () => enqueueEmail(db, signIn("injection:5\r\nX: y")),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(InvalidEmailError);
    expect(await outboxCount()).toBe(0);
  });

  it("refuses invalid addresses before writing", async () => {
    const db = getDb();
    const invalid = [
      "",
      "ana",
      "ana@",
      "@example.test",
      "ana@example",
      "ana @example.test",
      "Ana <ana@example.test>",
      "a@b.test,c@d.test",
      "ana..x@example.test",
    ];
    for (const [i, to] of invalid.entries()) {
      await expect(enqueueEmail(db, signIn(`invalid:${i}`, to)), to).rejects.toMatchObject({ name: "InvalidEmailError", field: "to" });
    }
    expect(await outboxCount()).toBe(0);
    for (const to of ["ana@example.test", "ana.perez+convoca@alcaldia.gov.co", "x@xn--bogot-0ta.co"]) expect(isValidRecipient(to), to).toBe(true);
  });

  it("refuses data that does not fit the template, with the field named", async () => {
    const error = await enqueueEmail(getDb(), {
      ...signIn("bad-data"),
      data: { ...sampleData["sign-in-link"], url: "javascript:alert(1)" },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidEmailError);
    expect((error as InvalidEmailError).issues.map((i) => i.path)).toContain("url");
    expect(await outboxCount()).toBe(0);
  });

  it("keeps a message written for later until its time comes", async () => {
    const db = getDb();
    const later = new Date(Date.now() + 3 * 86_400_000);
    await enqueueEmail(db, { ...signIn("reminder:later"), notBefore: later });
    expect(await dispatchBatch({ db, transport: smtp.transport, from: smtp.from })).toMatchObject({ claimed: 0 });
    expect(await dispatchBatch({ db, transport: smtp.transport, from: smtp.from, now: () => later })).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.sink.received).toHaveLength(1);
  });
});
