import { describe, expect, it } from "vitest";
import * as link from "~/routes/seguimiento.$token._index";
import * as stopLink from "~/routes/seguimiento.$token.detener";
import { findCommitment } from "~/features/commitments/queries/commitment.server";
import { runFollowUp } from "~/features/commitments/follow-up/scheduler.server";
import { dispatchBatch } from "~/features/mail/dispatcher.server";
import { addDaysTo, daysBetween, localDayAndHour } from "~/lib/calendar-date";
import { getDb } from "~/server/db.server";
import { schedulerDay } from "~/features/commitments/follow-up/rules";
import { formRequest, getRequest } from "../helpers/auth";
import { call, ctx } from "../helpers/route";
import { useSmtpDelivery } from "../helpers/smtp-delivery";
import { appUrl, record } from "./helpers";

// A reminder through the real pipeline: the scheduler writes it, the dispatcher delivers it to
// a real SMTP server, and the link read from the delivered message opens the update page
// (GET, nothing changes) and updates the commitment (POST). Links are signed with the app's
// own secret and checked against the real clock, so the dates here are relative to today.

const smtp = useSmtpDelivery();

describe("a reminder delivered over SMTP", () => {
  it("carries a link that opens the update page and whose POST changes the commitment", async () => {
    const now = new Date();
    const clock = localDayAndHour(now, "America/Bogota");
    const due = addDaysTo(schedulerDay(clock.day, clock.hour, 8), 7);
    const id = await record({ fields: { dueDate: due, responsibleEmail: "responsable@medellin.example.org" }, now: new Date(now.getTime() - 3 * 86_400_000) });
    await getDb().deleteFrom("email_outbox").where("idempotency_key", "not like", `commitment:${id}:%`).execute();

    const decided = await runFollowUp(getDb(), now, { appUrl });
    expect(decided.keys).toContain(`commitment:${id}:before-7:${addDaysTo(due, -7)}`);
    const sent = await dispatchBatch({ db: getDb(), transport: smtp.transport, from: smtp.from, batchSize: 50 });
    expect(sent.failed).toBe(0);

    const reminders = [];
    for (const mail of smtp.sink.received) {
      const parsed = await smtp.sink.parse(mail);
      if (parsed.subject?.startsWith("Recordatorio")) reminders.push(parsed);
    }
    expect(reminders).toHaveLength(1);
    const [reminder] = reminders;
    expect(reminder.to && "text" in reminder.to ? reminder.to.text : "").toBe("responsable@medellin.example.org");
    // Before 08:00 in Bogotá the scheduler still works on yesterday's rules, so the reminder "7
    // days before" goes out today, when 6 days are left: the mail counts from today's date.
    expect(reminder.text).toContain(`Faltan ${daysBetween(clock.day, due)} días`);
    const urls = [...(reminder.text ?? "").matchAll(/https?:\/\/\S+\/seguimiento\/[\w.-]+(\/detener)?/g)].map((m) => m[0]);
    const updateUrl = urls.find((u) => !u.endsWith("/detener"))!;
    const stopUrl = urls.find((u) => u.endsWith("/detener"))!;
    expect(updateUrl.startsWith(`${appUrl}/seguimiento/${id}.`)).toBe(true);
    expect(reminder.html).toContain(`href="${updateUrl}"`);

    const token = new URL(updateUrl).pathname.split("/")[2];
    const before = await findCommitment(getDb(), id);
    const page = await call(() => link.loader({ request: getRequest(new URL(updateUrl).pathname), params: { token }, context: ctx() }));
    expect(page.status).toBe(200);
    expect(page.data.view.commitment.title).toBe(before!.title);
    expect(await findCommitment(getDb(), id)).toEqual(before);

    const post = await call(() =>
      link.action({
        request: formRequest(new URL(updateUrl).pathname, {
          intent: "progress",
          status: "in_progress",
          progress: "45",
          note: "Proyecto radicado en el concejo",
        }),
        params: { token },
        context: ctx(),
      }),
    );
    expect(post.data.saved).toBe(true);
    expect(await findCommitment(getDb(), id)).toMatchObject({ status: "in_progress", progress: 45 });

    const stopToken = new URL(stopUrl).pathname.split("/")[2];
    expect(stopToken).toBe(token);
    await call(() => stopLink.action({ request: formRequest(new URL(stopUrl).pathname, { intent: "stopReminders" }), params: { token }, context: ctx() }));
    expect((await findCommitment(getDb(), id))?.reminders_stopped_at).not.toBeNull();
    // Stopped: the next rule (1 day before) writes nothing for this commitment.
    const later = await runFollowUp(getDb(), new Date(now.getTime() + 6 * 86_400_000), { appUrl });
    expect(later.keys.filter((k) => k.startsWith(`commitment:${id}:`))).toEqual([]);
  });
});
