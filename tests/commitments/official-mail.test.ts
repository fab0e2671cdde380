import { beforeAll, describe, expect, it } from "vitest";
import type { CommitmentActor } from "~/features/commitments/rules";
import * as adminCommitment from "~/routes/admin.compromisos.$id/route";
import * as review from "~/routes/admin.compromisos.responsables/route";
import * as detail from "~/routes/compromisos.$id._index";
import * as edit from "~/routes/compromisos.$id.editar";
import * as linkPage from "~/routes/seguimiento.$token._index";
import * as stopLink from "~/routes/seguimiento.$token.detener";
import { changeCommitmentDetails } from "~/features/commitments/commands/record.server";
import { followUpUrls } from "~/features/commitments/links.server";
import { runFollowUp } from "~/features/commitments/follow-up/scheduler.server";
import { officialMailCap } from "~/features/mail/official-mail.server";
import { getDb } from "~/server/db.server";
import { formRequest, getRequest, organizerCookie, participantCookie, verifiedParticipant } from "../helpers/auth";
import { call, ctx } from "../helpers/route";
import { tableContents } from "../helpers/table-contents";
import { appUrl, fields, record, secret } from "./helpers";
import { makeOrganizer } from "../factories";

// Issue 14, item 8: an official cannot make Convoca mail strangers. A responsible who is not a
// verified person of the city gets a neutral notice without the official's words, and nothing
// more until an organizer confirms; an official's mails are capped per day; organizers see the
// pending responsibles and the held mails and can send or stop them.

// The admin who reviews the responsibles: the file's first organizer, who also verifies the
// officials and signs in where no other organizer is named.
beforeAll(async () => {
  await makeOrganizer(getDb(), { role: "admin" });
});

let officials = 0;

async function official(dane = "05001"): Promise<CommitmentActor & { kind: "participant" }> {
  officials += 1;
  const email = `funcionaria.${officials}@alcaldia.gov.co`;
  const id = await verifiedParticipant(email, dane);
  const city = await getDb().selectFrom("cities").select("id").where("dane", "=", dane).executeTakeFirstOrThrow();
  return { kind: "participant", id, name: `Funcionaria ${officials}`, cityId: city.id };
}

async function mailsTo(recipient: string) {
  return getDb().selectFrom("email_outbox").select(["template", "data", "idempotency_key"]).where("recipient", "=", recipient).orderBy("id").execute();
}

const reviewAction = async (fields: Record<string, string>) =>
  call(async () =>
    review.action({ request: formRequest("/admin/compromisos/responsables", fields, { cookie: await organizerCookie() }), params: {}, context: ctx() }),
  );

describe("a responsible an official names", () => {
  it("gets only a neutral notice, without the official's words, and no reminders until an organizer confirms", async () => {
    const actor = await official();
    const stranger = "desconocido@example.net";
    const id = await record({
      actor,
      fields: { responsibleEmail: stranger, responsibleName: "Compre ya en example.net", description: "Oferta irresistible en example.net" },
    });
    const [notice] = await mailsTo(stranger);
    expect(notice.template).toBe("commitment-pending-responsible");
    for (const words of ["Incluir la prevención", "Compre ya", "Oferta irresistible"]) expect(notice.data).not.toContain(words);
    const commitment = await getDb().selectFrom("commitments").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(commitment.responsible_pending_at).not.toBeNull();

    // A month before the due date a reminder is due; none goes to an unconfirmed address.
    await runFollowUp(getDb(), new Date("2025-06-01T14:00:00.000Z"), { appUrl, secret, runner: "prueba" });
    expect((await mailsTo(stranger)).map((m) => m.template)).toEqual(["commitment-pending-responsible"]);

    const pending = await call(async () =>
      review.loader({ request: getRequest("/admin/compromisos/responsables", await organizerCookie()), params: {}, context: ctx() }),
    );
    expect(pending.data.pending.map((p: { id: number }) => p.id)).toContain(id);

    const confirmed = await reviewAction({ intent: "confirm", id: String(id), email: stranger });
    expect(confirmed.data.outcome).toBe("confirmed");
    const after = await mailsTo(stranger);
    expect(after.map((m) => m.template)).toEqual(["commitment-pending-responsible", "commitment-recorded"]);
    expect(after[1].data).toContain("Incluir la prevención");
    expect(
      (await getDb().selectFrom("commitments").select("responsible_pending_at").where("id", "=", id).executeTakeFirstOrThrow()).responsible_pending_at,
    ).toBeNull();
    await runFollowUp(getDb(), new Date("2025-06-02T14:00:00.000Z"), { appUrl, secret, runner: "prueba" });
    expect((await mailsTo(stranger)).map((m) => m.template)).toContain("commitment-reminder");
  });

  it("who is a verified person of the city gets the details at once", async () => {
    const actor = await official();
    const colleague = `colega.${officials}@alcaldia.gov.co`;
    await verifiedParticipant(colleague, "05001");
    const id = await record({ actor, fields: { responsibleEmail: colleague } });
    // Besides the roster's own notice of the verification, the commitment's details.
    expect((await mailsTo(colleague)).map((m) => m.template)).toEqual(["roster-change", "commitment-recorded"]);
    expect(
      (await getDb().selectFrom("commitments").select("responsible_pending_at").where("id", "=", id).executeTakeFirstOrThrow()).responsible_pending_at,
    ).toBeNull();
  });

  it("named anew on the edit form is held back the same way", async () => {
    const actor = await official();
    const colleague = `colega.edit.${officials}@alcaldia.gov.co`;
    await verifiedParticipant(colleague, "05001");
    const id = await record({ actor, fields: { responsibleEmail: colleague } });
    const cookie = await participantCookie(actor.id);
    const stranger = "otra.desconocida@example.net";
    const changed = await call(() =>
      edit.action({
        request: formRequest(
          `/compromisos/${id}/editar`,
          {
            title: "Título nuevo de la funcionaria",
            instrument: "PDT",
            theme: "both",
            dueDate: "2025-06-30",
            responsibleName: "Otra",
            responsibleEmail: stranger,
          },
          { cookie },
        ),
        params: { id: String(id) },
        context: ctx(),
      }),
    );
    expect(changed.status).toBe(302);
    const [notice] = await mailsTo(stranger);
    expect(notice.template).toBe("commitment-pending-responsible");
    expect(notice.data).not.toContain("Título nuevo");
  });
});

describe("the daily cap on an official's mails", () => {
  it(`sends ${officialMailCap} in 24 hours, holds the rest for organizers, who send or stop each`, async () => {
    const actor = await official("76001");
    const now = new Date("2025-01-15T20:00:00.000Z");
    const ids: number[] = [];
    for (let i = 0; i < officialMailCap + 2; i++) {
      ids.push(await record({ actor, dane: "76001", now, fields: { title: `Compromiso tope ${i}`, responsibleEmail: `tope.${i}@example.net` } }));
    }
    const sent = await getDb().selectFrom("email_outbox").select("recipient").where("recipient", "like", "tope.%@example.net").execute();
    expect(sent).toHaveLength(officialMailCap);
    const held = await getDb()
      .selectFrom("official_mails")
      .selectAll()
      .where("participant_id", "=", actor.id)
      .where("status", "=", "held")
      .orderBy("id")
      .execute();
    expect(held.map((m) => m.recipient)).toEqual([`tope.${officialMailCap}@example.net`, `tope.${officialMailCap + 1}@example.net`]);

    const page = await call(async () =>
      review.loader({ request: getRequest("/admin/compromisos/responsables", await organizerCookie()), params: {}, context: ctx() }),
    );
    expect(page.data.mails.filter((m: { status: string }) => m.status === "held").map((m: { id: number }) => m.id)).toEqual(
      expect.arrayContaining(held.map((m) => m.id)),
    );

    const rows = await tableContents();
    expect((await reviewAction({ intent: "stopMail", id: String(held[0].id) })).data.outcome).toBe("stopped");
    expect(await mailsTo(held[0].recipient)).toEqual([]);
    expect((await reviewAction({ intent: "stopMail", id: String(held[0].id) })).status).toBe(409);
    expect((await tableContents()).email_outbox).toEqual(rows.email_outbox);

    expect((await reviewAction({ intent: "send", id: String(held[1].id) })).data.outcome).toBe("released");
    expect((await mailsTo(held[1].recipient)).map((m) => m.template)).toEqual(["commitment-pending-responsible"]);

    // A day later the official may mail again.
    const next = await record({
      actor,
      dane: "76001",
      now: new Date("2025-01-16T20:30:00.000Z"),
      fields: { title: "Al día siguiente", responsibleEmail: "tope.siguiente@example.net" },
    });
    expect(next).toBeGreaterThan(0);
    expect(await mailsTo("tope.siguiente@example.net")).toHaveLength(1);
  });

  it("does not count organizers' changes, which are trusted", async () => {
    const organizer = await getDb().selectFrom("organizers").select(["id", "name"]).orderBy("id").executeTakeFirstOrThrow();
    const id = await record({ fields: { responsibleEmail: "de.organizadora@example.net" } });
    expect((await mailsTo("de.organizadora@example.net")).map((m) => m.template)).toEqual(["commitment-recorded"]);
    await changeCommitmentDetails(
      getDb(),
      id,
      fields({ responsibleEmail: "otra.de.organizadora@example.net" }),
      { kind: "organizer", id: organizer.id, name: organizer.name },
      { appUrl, secret },
    );
    expect((await mailsTo("otra.de.organizadora@example.net")).map((m) => m.template)).toEqual(["commitment-recorded"]);
    expect(await getDb().selectFrom("official_mails").select("id").where("commitment_id", "=", id).execute()).toEqual([]);
  });
});

describe("an organizer's decision on a pending responsible", () => {
  const now = new Date("2025-01-15T20:00:00.000Z");
  const commitmentRow = (id: number) => getDb().selectFrom("commitments").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  it("is about the address the organizer saw: changed since, it is refused in plain words and nothing is written", async () => {
    const actor = await official();
    const id = await record({ actor, fields: { responsibleEmail: "benigno@alcaldia.gov.co" } });
    const cookie = await organizerCookie();
    const page = await call(() => review.loader({ request: getRequest("/admin/compromisos/responsables", cookie), params: {}, context: ctx() }));
    expect(page.data.pending.find((p: { id: number }) => p.id === id).responsible_email).toBe("benigno@alcaldia.gov.co");

    // Between the look and the click, the official names someone else.
    const current = await commitmentRow(id);
    await changeCommitmentDetails(
      getDb(),
      id,
      fields({ title: current.title, responsibleEmail: "victima@example.net", description: "Texto del funcionario" }),
      actor,
      { appUrl, secret, now },
    );
    const before = await commitmentRow(id);
    const rows = await tableContents();
    const post = (body: Record<string, string>) =>
      call(() => review.action({ request: formRequest("/admin/compromisos/responsables", body, { cookie }), params: {}, context: ctx() }));
    for (const intent of ["confirm", "stopResponsible"]) {
      const refused = await post({ intent, id: String(id), email: "benigno@alcaldia.gov.co" });
      expect(refused.status).toBe(409);
      expect(refused.data.outcome).toBe("changed");
      expect((await post({ intent, id: String(id) })).status).toBe(409);
    }
    expect(await tableContents()).toEqual(rows);
    expect(await commitmentRow(id)).toEqual(before);
    expect((await mailsTo("victima@example.net")).map((m) => m.template)).toEqual(["commitment-pending-responsible"]);

    const confirmed = await post({ intent: "confirm", id: String(id), email: "victima@example.net" });
    expect(confirmed.data.outcome).toBe("confirmed");
  });

  it("keeps an unconfirmed responsible out of the commitment, even through a link signed before", async () => {
    const actor = await official();
    const id = await record({ fields: { responsibleEmail: "antes@example.net" } });
    const c = await commitmentRow(id);
    const { token } = followUpUrls(c);
    const open = () => call(() => linkPage.loader({ request: getRequest(`/seguimiento/${token}`), params: { token }, context: ctx("192.0.2.9") }));
    expect((await open()).status).toBe(200);

    await changeCommitmentDetails(getDb(), id, fields({ title: c.title, responsibleEmail: "otro@example.net" }), actor, { appUrl, secret, now });
    await changeCommitmentDetails(getDb(), id, fields({ title: c.title, responsibleEmail: "antes@example.net", description: "TEXTO DEL FUNCIONARIO" }), actor, {
      appUrl,
      secret,
      now,
    });
    expect((await commitmentRow(id)).responsible_pending_at).not.toBeNull();
    const opened = await open();
    expect(opened.status).toBe(404);
    expect(JSON.stringify(opened.data ?? null)).not.toContain("TEXTO DEL FUNCIONARIO");
  });

  it("to stop it cannot be undone by the official, only by an organizer", async () => {
    const actor = await official();
    const id = await record({ actor, fields: { responsibleEmail: "parar@example.net" } });
    const stopped = await reviewAction({ intent: "stopResponsible", id: String(id), email: "parar@example.net" });
    expect(stopped.data.outcome).toBe("stoppedResponsible");

    const cookie = await participantCookie(actor.id);
    const before = await commitmentRow(id);
    const rows = await tableContents();
    const resumed = await call(() =>
      detail.action({ request: formRequest(`/compromisos/${id}`, { intent: "resumeReminders" }, { cookie }), params: { id: String(id) }, context: ctx() }),
    );
    expect(resumed.status).toBe(409);
    expect(resumed.data.error).toEqual({ "": ["stoppedByOrganizer"] });
    expect(await tableContents()).toEqual(rows);
    expect(await commitmentRow(id)).toEqual(before);

    const organizerSession = await organizerCookie();
    const byOrganizer = await call(() =>
      adminCommitment.action({
        request: formRequest(`/admin/compromisos/${id}`, { intent: "resumeReminders" }, { cookie: organizerSession }),
        params: { id: String(id) },
        context: ctx(),
      }),
    );
    expect(byOrganizer.status).toBeLessThan(400);
    expect((await commitmentRow(id)).reminders_stopped_at).toBeNull();
  });

  it("to stop a confirmed responsible's reminders cannot be undone from the responsible's link", async () => {
    const id = await record({ fields: { responsibleEmail: "confirmada@example.net" } });
    const c = await commitmentRow(id);
    const { token } = followUpUrls(c);
    const organizerSession = await organizerCookie();
    await call(() =>
      adminCommitment.action({
        request: formRequest(`/admin/compromisos/${id}`, { intent: "stopReminders" }, { cookie: organizerSession }),
        params: { id: String(id) },
        context: ctx(),
      }),
    );
    const before = await commitmentRow(id);
    expect(before.reminders_stopped_at).not.toBeNull();
    const rows = await tableContents();
    const resumed = await call(() =>
      stopLink.action({ request: formRequest(`/seguimiento/${token}/detener`, { intent: "resumeReminders" }), params: { token }, context: ctx("192.0.2.10") }),
    );
    expect(resumed.status).toBe(409);
    expect(resumed.data.error).toEqual({ "": ["stoppedByOrganizer"] });
    expect(await tableContents()).toEqual(rows);
    expect(await commitmentRow(id)).toEqual(before);
  });
});

describe("the review page under a flood from one official", () => {
  it("groups by official, so another official's responsible and held mail stay on the page, and stops all of one official's at once", async () => {
    const db = getDb();
    const quiet = await official("76001");
    const flooder = await official("76001");
    const early = new Date("2025-01-10T20:00:00.000Z");
    const quietPending = await record({
      actor: quiet,
      dane: "76001",
      now: early,
      fields: { title: "De la funcionaria tranquila", responsibleEmail: "tranquila@example.net" },
    });
    const quietHeld = await db
      .insertInto("official_mails")
      .values({
        participant_id: quiet.id,
        commitment_id: quietPending,
        recipient: "tranquila@example.net",
        kind: "pending_notice",
        status: "held",
        created_at: early.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    // 600 pending responsibles and 600 held mails, newer than the quiet official's, written
    // directly: the review page must not depend on the flood being small.
    const template = await db
      .selectFrom("commitments")
      .selectAll()
      .where("id", "=", await record({ actor: flooder, dane: "76001", fields: { responsibleEmail: "ola.0@example.net" } }))
      .executeTakeFirstOrThrow();
    const { id: _id, ...row } = template;
    for (let chunk = 0; chunk < 6; chunk++) {
      const ids = await db
        .insertInto("commitments")
        .values(Array.from({ length: 100 }, (_, i) => ({ ...row, title: `Ola ${chunk}-${i}`, responsible_email: `ola.${chunk}.${i}@example.net` })))
        .returning("id")
        .execute();
      await db
        .insertInto("official_mails")
        .values(
          ids.map((c) => ({
            participant_id: flooder.id,
            commitment_id: c.id,
            recipient: "ola@example.net",
            kind: "pending_notice" as const,
            status: "held" as const,
            created_at: template.created_at,
          })),
        )
        .execute();
    }

    const cookie = await organizerCookie();
    const page = await call(() => review.loader({ request: getRequest("/admin/compromisos/responsables", cookie), params: {}, context: ctx() }));
    expect(page.data.pending.map((p: { id: number }) => p.id)).toContain(quietPending);
    expect(page.data.mails.map((m: { id: number }) => m.id)).toContain(quietHeld.id);
    expect(page.data.pending.filter((p: { named_by: number }) => p.named_by === flooder.id)).toHaveLength(page.data.perOfficial);
    const summary = (id: number) => page.data.officials.find((o: { participantId: number }) => o.participantId === id);
    expect(summary(flooder.id)).toMatchObject({ pending: 601, held: 600 });
    expect(summary(quiet.id)).toMatchObject({ pending: 1, held: 1 });

    // Stopping changes the commitments and mails it stops; only the audit entry is a new row.
    const rowsOf = async () => Object.fromEntries(Object.entries(await tableContents()).map(([table, content]) => [table, content.rows]));
    const rows = await rowsOf();
    const stopped = await call(() =>
      review.action({
        request: formRequest("/admin/compromisos/responsables", { intent: "stopOfficial", id: String(flooder.id) }, { cookie }),
        params: {},
        context: ctx(),
      }),
    );
    expect(stopped.data.outcome).toBe("stoppedOfficial");
    expect(await rowsOf()).toEqual({ ...rows, audit_log: rows.audit_log + 1 });
    const after = await call(() => review.loader({ request: getRequest("/admin/compromisos/responsables", cookie), params: {}, context: ctx() }));
    const ofThese = (rows: Array<{ id: number; named_by?: number; participant_id?: number; status?: string }>) =>
      rows.filter((r) => [quiet.id, flooder.id].includes(r.named_by ?? r.participant_id ?? 0) && (r.status ?? "held") === "held").map((r) => r.id);
    expect(ofThese(after.data.pending)).toEqual([quietPending]);
    expect(ofThese(after.data.mails)).toEqual([quietHeld.id]);
    const flooded = await db.selectFrom("commitments").select(["reminders_stopped_by"]).where("created_by_participant_id", "=", flooder.id).execute();
    expect(flooded.every((c) => c.reminders_stopped_by === "organizer")).toBe(true);
    expect(
      (
        await call(() =>
          review.action({
            request: formRequest("/admin/compromisos/responsables", { intent: "stopOfficial", id: String(flooder.id) }, { cookie }),
            params: {},
            context: ctx(),
          }),
        )
      ).status,
    ).toBe(409);
  });
});
