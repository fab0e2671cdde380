import { describe, expect, it } from "vitest";
import type { CommitmentActor } from "~/models/commitments.server";
import * as review from "~/routes/admin.compromisos.responsables";
import * as edit from "~/routes/compromisos.$id.editar";
import { changeCommitmentDetails } from "~/services/commitments.server";
import { runFollowUp } from "~/services/follow-up-scheduler.server";
import { officialMailCap } from "~/services/official-mail.server";
import { getDb } from "~/utils/db.server";
import { formRequest, getRequest, organizerCookie, participantCookie, verifiedParticipant } from "../helpers/auth";
import { call, ctx } from "../helpers/route";
import { tableContents } from "../helpers/table-contents";
import { appUrl, fields, record, secret } from "./helpers";

// Issue 14, item 8: an official cannot make Convoca mail strangers. A responsible who is not a
// verified person of the city gets a neutral notice without the official's words, and nothing
// more until an organizer confirms; an official's mails are capped per day; organizers see the
// pending responsibles and the held mails and can send or stop them.

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
  call(async () => review.action({ request: formRequest("/admin/compromisos/responsables", fields, { cookie: await organizerCookie() }), params: {}, context: ctx() }));

describe("a responsible an official names", () => {
  it("gets only a neutral notice, without the official's words, and no reminders until an organizer confirms", async () => {
    const actor = await official();
    const stranger = "desconocido@example.net";
    const id = await record({ actor, fields: { responsibleEmail: stranger, responsibleName: "Compre ya en example.net", description: "Oferta irresistible en example.net" } });
    const [notice] = await mailsTo(stranger);
    expect(notice.template).toBe("commitment-pending-responsible");
    for (const words of ["Incluir la prevención", "Compre ya", "Oferta irresistible"]) expect(notice.data).not.toContain(words);
    const commitment = await getDb().selectFrom("commitments").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(commitment.responsible_pending_at).not.toBeNull();

    // A month before the due date a reminder is due; none goes to an unconfirmed address.
    await runFollowUp(getDb(), new Date("2025-06-01T14:00:00.000Z"), { appUrl, secret, runner: "prueba" });
    expect((await mailsTo(stranger)).map((m) => m.template)).toEqual(["commitment-pending-responsible"]);

    const pending = await call(async () => review.loader({ request: getRequest("/admin/compromisos/responsables", await organizerCookie()), params: {}, context: ctx() }));
    expect(pending.data.pending.map((p: { id: number }) => p.id)).toContain(id);

    const confirmed = await reviewAction({ intent: "confirm", id: String(id) });
    expect(confirmed.data.outcome).toBe("confirmed");
    const after = await mailsTo(stranger);
    expect(after.map((m) => m.template)).toEqual(["commitment-pending-responsible", "commitment-recorded"]);
    expect(after[1].data).toContain("Incluir la prevención");
    expect((await getDb().selectFrom("commitments").select("responsible_pending_at").where("id", "=", id).executeTakeFirstOrThrow()).responsible_pending_at).toBeNull();
    await runFollowUp(getDb(), new Date("2025-06-02T14:00:00.000Z"), { appUrl, secret, runner: "prueba" });
    expect((await mailsTo(stranger)).map((m) => m.template)).toContain("commitment-reminder");
  });

  it("who is a verified person of the city gets the details at once", async () => {
    const actor = await official();
    const colleague = `colega.${officials}@alcaldia.gov.co`;
    await verifiedParticipant(colleague, "05001");
    const id = await record({ actor, fields: { responsibleEmail: colleague } });
    expect((await mailsTo(colleague)).map((m) => m.template)).toEqual(["commitment-recorded"]);
    expect((await getDb().selectFrom("commitments").select("responsible_pending_at").where("id", "=", id).executeTakeFirstOrThrow()).responsible_pending_at).toBeNull();
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
        request: formRequest(`/compromisos/${id}/editar`, { title: "Título nuevo de la funcionaria", instrument: "PDT", theme: "both", dueDate: "2025-06-30", responsibleName: "Otra", responsibleEmail: stranger }, { cookie }),
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
    const held = await getDb().selectFrom("official_mails").selectAll().where("participant_id", "=", actor.id).where("status", "=", "held").orderBy("id").execute();
    expect(held.map((m) => m.recipient)).toEqual([`tope.${officialMailCap}@example.net`, `tope.${officialMailCap + 1}@example.net`]);

    const page = await call(async () => review.loader({ request: getRequest("/admin/compromisos/responsables", await organizerCookie()), params: {}, context: ctx() }));
    expect(page.data.mails.filter((m: { status: string }) => m.status === "held").map((m: { id: number }) => m.id)).toEqual(expect.arrayContaining(held.map((m) => m.id)));

    const rows = await tableContents();
    expect((await reviewAction({ intent: "stopMail", id: String(held[0].id) })).data.outcome).toBe("stopped");
    expect(await mailsTo(held[0].recipient)).toEqual([]);
    expect((await reviewAction({ intent: "stopMail", id: String(held[0].id) })).status).toBe(409);
    expect((await tableContents()).email_outbox).toEqual(rows.email_outbox);

    expect((await reviewAction({ intent: "send", id: String(held[1].id) })).data.outcome).toBe("released");
    expect((await mailsTo(held[1].recipient)).map((m) => m.template)).toEqual(["commitment-pending-responsible"]);

    // A day later the official may mail again.
    const next = await record({ actor, dane: "76001", now: new Date("2025-01-16T20:30:00.000Z"), fields: { title: "Al día siguiente", responsibleEmail: "tope.siguiente@example.net" } });
    expect(next).toBeGreaterThan(0);
    expect(await mailsTo("tope.siguiente@example.net")).toHaveLength(1);
  });

  it("does not count organizers' changes, which are trusted", async () => {
    const organizer = await getDb().selectFrom("organizers").select(["id", "name"]).orderBy("id").executeTakeFirstOrThrow();
    const id = await record({ fields: { responsibleEmail: "de.organizadora@example.net" } });
    expect((await mailsTo("de.organizadora@example.net")).map((m) => m.template)).toEqual(["commitment-recorded"]);
    await changeCommitmentDetails(getDb(), id, fields({ responsibleEmail: "otra.de.organizadora@example.net" }), { kind: "organizer", id: organizer.id, name: organizer.name }, { appUrl, secret });
    expect((await mailsTo("otra.de.organizadora@example.net")).map((m) => m.template)).toEqual(["commitment-recorded"]);
    expect(await getDb().selectFrom("official_mails").select("id").where("commitment_id", "=", id).execute()).toEqual([]);
  });
});
