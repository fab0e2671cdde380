import { describe, expect, it } from "vitest";
import * as stopPage from "~/routes/mensajes.detener.$token";
import * as registrationPage from "~/routes/inscripcion.$token";
import * as registrationForm from "~/routes/encuentros.$slug.registro";
import { createAgendaItem } from "~/features/agenda/commands/items.server";
import { notifyAgendaChanges } from "~/features/agenda/commands/notices.server";
import { stopMessagesToken } from "~/features/messages/opt-out.server";
import { runMessages } from "~/features/messages/scheduler.server";
import { cancelRegistration } from "~/features/registrations/commands/cancel.server";
import { issueManageToken } from "~/features/registrations/tokens.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { formRequest, getRequest } from "../helpers/auth";
import { call, ctx } from "../helpers/route";
import { tableContents } from "../helpers/table-contents";
import { appUrl, bogota, encounter, organizer, outboxOf, person, scheduled, secret } from "./helpers";

// The link in every mail to a registrant stops the organizers' messages and reminders: GET asks,
// POST does it (mail scanners open links). Confirmations, cancellations and agenda changes
// still reach the person; messages and reminders no longer do.

let clients = 0;
const client = () => ctx(`198.51.100.${++clients}`);
const open = (token: string) => call(() => stopPage.loader({ request: getRequest(`/mensajes/detener/${token}`), params: { token }, context: client() }));
const choose = (token: string, intent: string) =>
  call(() => stopPage.action({ request: formRequest(`/mensajes/detener/${token}`, { intent }), params: { token }, context: client() }));
const stoppedAt = async (participantId: number) =>
  (await getDb().selectFrom("participants").select("messages_stopped_at").where("id", "=", participantId).executeTakeFirstOrThrow()).messages_stopped_at;

describe("the stop link", () => {
  it("asks on GET and changes nothing; stops on POST, once; resumes", async () => {
    const e = await encounter();
    const { participant } = await person(e.id, { email: "marta.stop@cali.gov.co" });
    const token = stopMessagesToken(participant);

    const before = await tableContents();
    const page = await open(token);
    expect(page.status).toBe(200);
    expect(page.data).toEqual({ found: true, email: "m•••@cali.gov.co", stoppedAt: null });
    expect(page.headers.get("Cache-Control")).toBe("private, no-store");
    expect(await tableContents()).toEqual(before);

    expect((await choose(token, "stop")).data).toEqual({ done: "stopped" });
    expect(await stoppedAt(participant.id)).not.toBeNull();
    // A second click changes nothing and writes nothing more.
    await choose(token, "stop");
    const audit = await getDb()
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "participant")
      .where("entity_id", "=", String(participant.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["messages.stop"]);
    expect((await open(token)).data.stoppedAt).not.toBeNull();

    expect((await choose(token, "resume")).data).toEqual({ done: "resumed" });
    expect(await stoppedAt(participant.id)).toBeNull();
  });

  it("refuses a forged, foreign or outdated link with a 404, changing nothing", async () => {
    const e = await encounter();
    const one = await person(e.id);
    const other = await person(e.id);
    const token = stopMessagesToken(one.participant);
    const signature = token.split(".")[1];
    const before = await tableContents();
    for (const bad of [`${other.participant.id}.${signature}`, `${one.participant.id}.${"A".repeat(43)}`, "no-es-un-enlace", `${one.participant.id}`]) {
      expect((await open(bad)).status, bad).toBe(404);
      expect((await choose(bad, "stop")).status, bad).toBe(404);
    }
    // Signed with another secret.
    expect((await open(stopMessagesToken(one.participant, "otro-secreto-de-al-menos-32-caracteres"))).status).toBe(404);
    expect(await tableContents()).toEqual(before);
    // Signed for the address the person had before (a deletion replaces it, too).
    await getDb().updateTable("participants").set({ email: "nueva.direccion@cali.gov.co" }).where("id", "=", one.participant.id).execute();
    expect((await open(token)).status).toBe(404);
    expect((await choose(token, "stop")).status).toBe(404);
    expect(await stoppedAt(one.participant.id)).toBeNull();
  });

  it("keeps messages and reminders from the person, not confirmations, cancellations or agenda changes", async () => {
    const me = await organizer();
    const e = await encounter({ slug: "detener-mensajes" });
    const other = await person(e.id);
    // Registered through the public form: the confirmation carries the stop link.
    const email = "lucia.stop@medellin.gov.co";
    const registered = await call(() =>
      registrationForm.action({
        request: formRequest(`/encuentros/${e.slug}/registro`, {
          fullName: "Lucía Ortiz",
          email,
          cityDane: "05001",
          entity: "Alcaldía de Medellín",
          position: "Asesora",
          consent: "on",
        }),
        params: { slug: e.slug },
        context: client(),
      }),
    );
    expect(registered.status).toBe(200);
    const participant = await getDb().selectFrom("participants").select(["id", "email"]).where("email", "=", email).executeTakeFirstOrThrow();
    const confirmation = await getDb()
      .selectFrom("email_outbox")
      .select("data")
      .where("recipient", "=", email)
      .where("template", "=", "registration-confirmed")
      .executeTakeFirstOrThrow();
    const stopUrl = JSON.parse(confirmation.data).stopUrl as string;
    expect(stopUrl).toBe(`${getEnv().appUrl}/mensajes/detener/${stopMessagesToken(participant)}`);

    // The person follows it and stops messages.
    const token = new URL(stopUrl).pathname.split("/").pop()!;
    expect((await choose(token, "stop")).data).toEqual({ done: "stopped" });

    // A message and the 7-day reminder go to the others only.
    const id = await scheduled({ organizerId: me.id, encounterId: e.id, sendAt: bogota("2030-03-10", "09:00"), now: bogota("2030-03-10", "08:00") });
    await runMessages(getDb(), bogota("2030-03-10", "09:00"), { appUrl, secret });
    expect((await outboxOf(id)).map((m) => m.recipient)).toEqual([other.participant.email]);
    await runMessages(getDb(), bogota("2030-03-13", "08:00"), { appUrl, secret });
    const reminder = await getDb()
      .selectFrom("messages")
      .select("id")
      .where("encounter_id", "=", e.id)
      .where("kind", "=", "reminder")
      .executeTakeFirstOrThrow();
    expect((await outboxOf(reminder.id)).map((m) => m.recipient)).toEqual([other.participant.email]);

    // An agenda change reaches them, with the link to resume.
    await createAgendaItem(
      getDb(),
      e,
      { title: "Nueva sesión", description: "", kind: "panel", room: "", startsAt: e.starts_at, endsAt: e.ends_at, speakers: [], confirmed: new Set() },
      `organizer:${me.id}`,
    );
    expect(await notifyAgendaChanges(getDb(), e, me.id)).toMatchObject({ status: "sent", recipients: 2 });
    const notice = await getDb()
      .selectFrom("email_outbox")
      .select("data")
      .where("recipient", "=", email)
      .where("template", "=", "agenda-changed")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(notice.data).stopUrl).toBe(stopUrl);

    // So does the cancellation.
    const registration = await getDb().selectFrom("registrations").select("id").where("participant_id", "=", participant.id).executeTakeFirstOrThrow();
    await cancelRegistration(getDb(), registration.id, { actor: `organizer:${me.id}`, byOrganizer: true });
    expect(
      await getDb().selectFrom("email_outbox").select("id").where("recipient", "=", email).where("template", "=", "registration-cancelled").execute(),
    ).toHaveLength(1);
  });
});

describe("the person's registration page", () => {
  it("lists the messages and reminders that reached them, with their link to stop them", async () => {
    const me = await organizer();
    const e = await encounter();
    const manage = issueManageToken();
    const ana = await person(e.id, { manage_token_hash: manage.hash, manage_nonce: manage.nonce });
    const now = new Date();
    const id = await scheduled({
      organizerId: me.id,
      encounterId: e.id,
      sendAt: now,
      now,
      subject: "Bus desde el aeropuerto",
      body: "Sale a las 6:30.\n\nPuntual.",
    });
    // The app's own secret: the registration link must be the one the page opens.
    await runMessages(getDb(), now, { appUrl });
    // Sent with their working registration link.
    expect(JSON.parse((await outboxOf(id))[0].data).manageUrl).toBe(`${appUrl}/inscripcion/${manage.token}`);

    const page = await call(() =>
      registrationPage.loader({ request: getRequest(`/inscripcion/${manage.token}`), params: { token: manage.token }, context: client() }),
    );
    expect(page.status).toBe(200);
    expect(page.data.received).toEqual({
      items: [expect.objectContaining({ id, kind: "message", subject: "Bus desde el aeropuerto", body: "Sale a las 6:30.\n\nPuntual." })],
      stopped: false,
      stopUrl: `/mensajes/detener/${stopMessagesToken(ana.participant)}`,
    });
  });
});
