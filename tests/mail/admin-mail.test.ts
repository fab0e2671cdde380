import { beforeAll, describe, expect, it } from "vitest";
import * as messagePage from "~/routes/admin.correo.$id";
import * as listPage from "~/routes/admin.correo._index";
import { dispatchBatch } from "~/features/mail/dispatcher.server";
import { viewOutboxMessage } from "~/features/mail/viewer.server";
import { createMailTransport } from "~/features/mail/transport.server";
import { enqueueEmail } from "~/features/mail/outbox.server";
import { getDb } from "~/server/db.server";
import { formRequest, getRequest } from "../helpers/auth";
import { makeSignedInOrganizer } from "../factories";
import { call } from "../helpers/route";
import { sampleData } from "./fixtures";

// /admin/correo with the embedded transport (no SMTP_URL): what the demo shows organizers.

let organizer: string;
const ids: Record<string, number> = {};

beforeAll(async () => {
  const db = getDb();
  organizer = (await makeSignedInOrganizer(db, { role: "admin" })).cookie;
  await db.deleteFrom("email_outbox").execute();
  const data = sampleData["registration-confirmed"];
  await enqueueEmail(db, { key: "view:sent", to: "ana@example.test", template: "registration-confirmed", locale: "es", data });
  await dispatchBatch({ db, transport: createMailTransport({ smtpUrl: null, ratePerSecond: 0 }), from: "Convoca <no-responder@convoca.test>" });
  await enqueueEmail(db, {
    key: "view:queued",
    to: "luis@example.test",
    template: "registration-waitlisted",
    locale: "en",
    data: sampleData["registration-waitlisted"],
  });
  await db
    .insertInto("email_outbox")
    .values({
      idempotency_key: "view:failed",
      recipient: "x@example.test",
      template: "sign-in-link",
      locale: "es",
      data: "{}",
      status: "failed",
      next_attempt_at: new Date().toISOString(),
      last_error: "550 Mailbox unavailable",
    })
    .execute();
  for (const row of await db.selectFrom("email_outbox").select(["id", "idempotency_key"]).execute()) ids[row.idempotency_key] = row.id;
});

// `anonymous` sends no cookie at all.
const cookieFor = (who: "organizer" | "anonymous") => (who === "organizer" ? organizer : undefined);
const list = (query = "", who: "organizer" | "anonymous" = "organizer") =>
  call(() => listPage.loader({ request: getRequest(`/admin/correo${query}`, cookieFor(who)), params: {}, context: {} }));
const view = (id: number | string, who: "organizer" | "anonymous" = "organizer") =>
  call(() => messagePage.loader({ request: getRequest(`/admin/correo/${id}`, cookieFor(who)), params: { id: String(id) }, context: {} }));
const requeue = (id: number, who: "organizer" | "anonymous" = "organizer") =>
  call(() =>
    messagePage.action({
      request: formRequest(`/admin/correo/${id}`, { intent: "requeue" }, { cookie: cookieFor(who) }),
      params: { id: String(id) },
      context: {},
    }),
  );

describe("/admin/correo", () => {
  it("sends anyone not signed in to the sign-in page, for the list, a message and the action", async () => {
    for (const result of [await list("", "anonymous"), await view(ids["view:sent"], "anonymous"), await requeue(ids["view:failed"], "anonymous")]) {
      expect(result.status).toBe(302);
      expect(result.headers.get("Location")).toMatch(/^\/ingresar\?redirectTo=/);
    }
    const failed = await getDb().selectFrom("email_outbox").select("status").where("id", "=", ids["view:failed"]).executeTakeFirstOrThrow();
    expect(failed.status).toBe("failed");
  });

  it("lists every message with status, recipient, subject and reason, newest first", async () => {
    const { data } = await list();
    expect(data.embedded).toBe(true);
    expect(data.counts).toEqual({ pending: 1, sending: 0, sent: 1, failed: 1 });
    expect(data.messages.map((m: { idempotency_key: string }) => m.idempotency_key)).toEqual(["view:failed", "view:queued", "view:sent"]);
    const sent = data.messages.find((m: { idempotency_key: string }) => m.idempotency_key === "view:sent");
    expect(sent).toMatchObject({
      status: "sent",
      recipient: "ana@example.test",
      template: "registration-confirmed",
      subject: `Inscripción confirmada: ${sampleData["registration-confirmed"].encounter.title}`,
      attempts: 1,
    });
    const onlyFailed = await list("?estado=failed");
    expect(onlyFailed.data.messages.map((m: { last_error: string }) => m.last_error)).toEqual(["550 Mailbox unavailable"]);
    const older = await list(`?antes=${ids["view:queued"]}`);
    expect(older.data.messages.map((m: { id: number }) => m.id)).toEqual([ids["view:sent"]]);
  });

  it("shows a sent message as it was sent: HTML, text and the attachment", async () => {
    const { status, data } = await view(ids["view:sent"]);
    expect(status).toBe(200);
    expect(data.isPreview).toBe(false);
    expect(data.body.html).toContain("Su inscripción está confirmada");
    expect(data.body.text).toContain("Hola, Ana Pérez:");
    expect(data.message.messageId).toMatch(/^<[0-9a-f]{64}@convoca\.test>$/);
    expect(data.attachments).toEqual([
      expect.objectContaining({
        filename: "encuentro.ics",
        contentType: expect.stringContaining("text/calendar"),
        content: expect.stringContaining("BEGIN:VCALENDAR"),
      }),
    ]);
  });

  it("previews a queued message, and explains one that cannot be rendered", async () => {
    const queued = await view(ids["view:queued"]);
    expect(queued.data.isPreview).toBe(true);
    expect(queued.data.body.text).toContain("You are on the waiting list");
    const broken = await view(ids["view:failed"]);
    expect(broken.data.body).toBeNull();
    expect(broken.data.renderError).toContain("sign-in-link");
  });

  it("answers 404 for a message that does not exist", async () => {
    expect((await view(999999)).status).toBe(404);
    expect((await view("abc")).status).toBe(404);
  });

  it("puts a failed message back in the queue, and only a failed one", async () => {
    expect((await requeue(ids["view:sent"])).data).toMatchObject({ error: { "": ["notRequeued"] } });
    expect((await requeue(ids["view:failed"])).data).toEqual({ requeued: true });
    const row = await getDb().selectFrom("email_outbox").select(["status", "last_error"]).where("id", "=", ids["view:failed"]).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "pending", last_error: null });
  });

  it("hides a sign-in link from organizers once mail really leaves, and shows it when the viewer is the only copy", async () => {
    const db = getDb();
    await enqueueEmail(db, { key: "view:login", to: "ana@example.test", template: "sign-in-link", locale: "es", data: sampleData["sign-in-link"] });
    const row = await db.selectFrom("email_outbox").select("id").where("idempotency_key", "=", "view:login").executeTakeFirstOrThrow();
    const link = sampleData["sign-in-link"].url;

    const withSmtp = await viewOutboxMessage(db, row.id, { hideSecrets: true });
    expect(withSmtp?.secretsHidden).toBe(true);
    expect(withSmtp?.body?.html).not.toContain(link);
    expect(withSmtp?.body?.text).not.toContain(link);
    expect(withSmtp?.body?.text).toContain("[enlace oculto");

    const embedded = await viewOutboxMessage(db, row.id, { hideSecrets: false });
    expect(embedded?.secretsHidden).toBe(false);
    expect(embedded?.body?.text).toContain(link);
  });
});
