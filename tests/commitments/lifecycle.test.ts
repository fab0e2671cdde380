import { describe, expect, it } from "vitest";
import { CommitmentRuleError, type CommitmentActor } from "~/features/commitments/rules";
import { findCommitment, listHistory } from "~/features/commitments/queries/commitment.server";
import { reopenCommitment, setRemindersStopped, updateProgress, validateCommitment } from "~/features/commitments/commands/progress.server";
import { changeCommitmentDetails } from "~/features/commitments/commands/record.server";
import { getDb } from "~/server/db.server";
import { progressUpdateSchema, recordCommitmentSchema } from "~/features/commitments/forms";
import { parseFields } from "~/server/forms.server";
import { appUrl, fields, record, secret } from "./helpers";

const responsible: CommitmentActor = { kind: "responsible", email: "marta.ruiz@example.org", name: "Marta Ruiz" };
const organizer = { id: 1, name: "Organizadora" };

async function counts(id: number) {
  const db = getDb();
  const [history, audit] = await Promise.all([
    db.selectFrom("commitment_updates").select("id").where("commitment_id", "=", id).execute(),
    db.selectFrom("audit_log").select("id").where("entity", "=", "commitment").where("entity_id", "=", String(id)).execute(),
  ]);
  return { history: history.length, audit: audit.length };
}

async function refused(promise: Promise<unknown>): Promise<CommitmentRuleError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CommitmentRuleError) return error;
    throw error;
  }
  throw new Error("se esperaba un rechazo");
}

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
};

describe("recording a commitment", () => {
  it("writes the commitment, its first history entry, an audit entry and the mail to the responsible official", async () => {
    const id = await record();
    const c = await findCommitment(getDb(), id);
    expect(c).toMatchObject({ status: "proposed", progress: 0, city_dane: "05001", due_date: "2025-06-30", validated_at: null });
    const history = await listHistory(getDb(), id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ kind: "created", status_from: null, status_to: "proposed", progress_to: 0, author_kind: "organizer" });
    expect((await counts(id)).audit).toBe(1);
    const mail = await getDb()
      .selectFrom("email_outbox")
      .selectAll()
      .where("idempotency_key", "=", `commitment:${id}:recorded:2025-01-15`)
      .executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ recipient: "marta.ruiz@example.org", template: "commitment-recorded" });
    expect(JSON.parse(mail.data).updateUrl).toMatch(new RegExp(`^${appUrl}/seguimiento/${id}\\.\\d+\\.[A-Za-z0-9_-]{43}$`));
  });

  it("refuses a due date before the encounter, an impossible date, a bad address, and writes nothing", async () => {
    const before = await getDb().selectFrom("commitments").select("id").execute();
    expect((await refused(record({ fields: { dueDate: "2025-01-14" } }))).code).toBe("dueBeforeEncounter");
    expect((await refused(record({ fields: { dueDate: "2040-01-14" } }))).code).toBe("dueTooFar");
    expect((await refused(record({ fields: { responsibleEmail: "marta@localhost" } }))).field).toBe("responsibleEmail");
    expect(await getDb().selectFrom("commitments").select("id").execute()).toHaveLength(before.length);

    const parsed = parseFields(
      form({ title: "x", instrument: "PDT", theme: "nada", responsibleName: "A", responsibleEmail: "no", dueDate: "2025-02-30" }),
      recordCommitmentSchema,
    );
    expect(parsed.status).toBe("error");
    expect(parsed.reply().error).toMatchObject({ theme: ["invalid"], responsibleEmail: ["email"], dueDate: ["date"] });
    const lineBreak = parseFields(form({ ...strings(fields()), title: "Título\r\nBcc: otro@x.co" }), recordCommitmentSchema);
    expect(lineBreak.status).toBe("error");
  });

  it("lets an authority record only for its own city", async () => {
    const participant: CommitmentActor = { kind: "participant", id: 999, name: "Otra", cityId: -1 };
    const error = await refused(record({ actor: participant }));
    expect(error).toMatchObject({ code: "city", status: 403 });
  });
});

function strings(f: ReturnType<typeof fields>): Record<string, string> {
  return Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v === null ? "" : String(v)]));
}

describe("the lifecycle", () => {
  it("changes status and progress only through history entries, with who, when and what", async () => {
    const id = await record();
    const at = new Date("2025-02-01T15:00:00.000Z");
    await updateProgress(getDb(), id, { status: "in_progress", progress: 40, note: "Borrador listo", evidenceUrl: null }, responsible, { now: at });
    const c = await findCommitment(getDb(), id);
    expect(c).toMatchObject({ status: "in_progress", progress: 40, updated_at: at.toISOString() });
    const [last] = await listHistory(getDb(), id);
    expect(last).toMatchObject({
      kind: "update",
      author_kind: "responsible",
      author_name: "Marta Ruiz",
      status_from: "proposed",
      status_to: "in_progress",
      progress_from: 0,
      progress_to: 40,
      note: "Borrador listo",
      created_at: at.toISOString(),
    });
    expect(await counts(id)).toEqual({ history: 2, audit: 2 });
  });

  it("refuses progress outside 0-100 and unknown statuses at the form, with a message key", () => {
    for (const [values, field, key] of [
      [{ status: "in_progress", progress: "101" }, "progress", "progressRange"],
      [{ status: "in_progress", progress: "-1" }, "progress", "progressRange"],
      [{ status: "in_progress", progress: "40.5" }, "progress", "progressRange"],
      [{ status: "finished", progress: "40" }, "status", "status"],
      [{ status: "in_progress", progress: "40", evidenceUrl: "javascript:alert(1)" }, "evidenceUrl", "url"],
    ] as const) {
      const parsed = parseFields(form(values), progressUpdateSchema);
      expect(parsed.status).toBe("error");
      expect(parsed.reply().error?.[field]).toEqual([key]);
    }
  });

  it("needs a note or evidence to mark done, sets progress to 100, and a reason to drop", async () => {
    const id = await record();
    const before = await counts(id);
    expect((await refused(updateProgress(getDb(), id, { status: "done", progress: 80, note: "", evidenceUrl: null }, responsible))).code).toBe("doneNeedsNote");
    expect((await refused(updateProgress(getDb(), id, { status: "dropped", progress: 0, note: "", evidenceUrl: null }, responsible))).code).toBe(
      "droppedNeedsNote",
    );
    expect((await refused(updateProgress(getDb(), id, { status: "proposed", progress: 0, note: "", evidenceUrl: null }, responsible))).code).toBe(
      "nothingChanged",
    );
    expect(await counts(id)).toEqual(before);
    expect((await findCommitment(getDb(), id))?.status).toBe("proposed");

    const done = await updateProgress(getDb(), id, { status: "done", progress: 80, note: "", evidenceUrl: "https://example.org/acta.pdf" }, responsible);
    expect(done).toMatchObject({ status: "done", progress: 100 });
    const [last] = await listHistory(getDb(), id);
    expect(last).toMatchObject({ status_to: "done", progress_to: 100, evidence_url: "https://example.org/acta.pdf" });
  });

  it("lets organizers validate a done commitment (then locked) and reopen it with a reason", async () => {
    const id = await record();
    expect((await refused(validateCommitment(getDb(), id, organizer, ""))).code).toBe("notDone");
    expect((await refused(reopenCommitment(getDb(), id, organizer, "porque sí"))).code).toBe("notReopenable");
    await updateProgress(getDb(), id, { status: "done", progress: 100, note: "Aprobado en el concejo", evidenceUrl: null }, responsible);
    await validateCommitment(getDb(), id, organizer, "Acta revisada");
    expect((await findCommitment(getDb(), id))?.validated_at).not.toBeNull();
    expect((await refused(validateCommitment(getDb(), id, organizer, ""))).code).toBe("alreadyValidated");
    expect((await refused(updateProgress(getDb(), id, { status: "in_progress", progress: 50, note: "", evidenceUrl: null }, responsible))).code).toBe("locked");
    expect((await refused(reopenCommitment(getDb(), id, organizer, ""))).code).toBe("required");

    await reopenCommitment(getDb(), id, organizer, "El acta no incluye la meta");
    expect(await findCommitment(getDb(), id)).toMatchObject({ status: "in_progress", validated_at: null });
    const kinds = (await listHistory(getDb(), id)).map((h) => h.kind);
    expect(kinds).toEqual(["reopened", "validated", "update", "created"]);
    const actions = await getDb()
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", String(id))
      .where("entity", "=", "commitment")
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual(["commitment.create", "commitment.update", "commitment.validate", "commitment.reopen"]);
  });

  it("records stopping and resuming reminders in the history, once each", async () => {
    const id = await record();
    expect(await setRemindersStopped(getDb(), id, true, responsible)).toBe(true);
    expect(await setRemindersStopped(getDb(), id, true, responsible)).toBe(false);
    expect((await findCommitment(getDb(), id))?.reminders_stopped_at).not.toBeNull();
    expect(await setRemindersStopped(getDb(), id, false, organizerActorFor())).toBe(true);
    expect((await listHistory(getDb(), id)).map((h) => h.kind)).toEqual(["reminders_resumed", "reminders_stopped", "created"]);
  });

  it("edits details, tells a new responsible official, and voids nothing else", async () => {
    const title = "Ruta de atención a víctimas en el PISCC";
    const id = await record({ fields: { title } });
    const changed = await changeCommitmentDetails(
      getDb(),
      id,
      fields({ title, responsibleEmail: "nuevo@example.org", responsibleName: "Nuevo Responsable", dueDate: "2025-07-31" }),
      organizerActorFor(),
      {
        appUrl,
        secret,
      },
    );
    expect(changed.sort()).toEqual(["dueDate", "responsibleEmail", "responsibleName"]);
    const mail = await getDb()
      .selectFrom("email_outbox")
      .select(["recipient", "template"])
      .where("idempotency_key", "like", `commitment:${id}:assigned:%`)
      .execute();
    expect(mail).toEqual([{ recipient: "nuevo@example.org", template: "commitment-recorded" }]);
    expect((await refused(changeCommitmentDetails(getDb(), id, fields({ title, dueDate: "2024-01-01" }), organizerActorFor(), { appUrl, secret }))).code).toBe(
      "dueBeforeEncounter",
    );
    expect(
      await changeCommitmentDetails(
        getDb(),
        id,
        fields({ title, responsibleEmail: "nuevo@example.org", responsibleName: "Nuevo Responsable", dueDate: "2025-07-31" }),
        organizerActorFor(),
      ),
    ).toEqual([]);
  });
});

function organizerActorFor(): CommitmentActor {
  return { kind: "organizer", id: organizer.id, name: organizer.name };
}

describe("the same form sent again (a double tap, a resent POST)", () => {
  const minutes = (from: Date, n: number) => new Date(from.getTime() + n * 60_000);

  it("gives back the commitment recorded from it within ten minutes, and records it again after that", async () => {
    const t0 = new Date("2025-01-16T15:00:00.000Z");
    const title = "Mesa técnica de trata con la Fiscalía";
    const first = await record({ fields: { title }, now: t0 });
    const again = await record({ fields: { title: ` ${title.toUpperCase()} ` }, now: minutes(t0, 9) });
    expect(again).toBe(first);
    const later = await record({ fields: { title }, now: minutes(t0, 11) });
    expect(later).not.toBe(first);
    const mails = await getDb().selectFrom("email_outbox").select("idempotency_key").where("idempotency_key", "like", "commitment:%:recorded:%").execute();
    expect(mails.filter((m) => m.idempotency_key.startsWith(`commitment:${first}:`))).toHaveLength(1);
    expect(await counts(first)).toEqual({ history: 1, audit: 1 });
  });

  it("gives back the progress update just written by the same author, and writes it again after ten minutes", async () => {
    const id = await record();
    const t0 = new Date("2025-02-03T15:00:00.000Z");
    const update = { status: "in_progress" as const, progress: 10, note: "", evidenceUrl: null };
    const first = await updateProgress(getDb(), id, update, responsible, { now: t0 });
    expect(first.recorded).toBe(true);
    // Without the guard this second send would be refused as "nothing changed".
    const again = await updateProgress(getDb(), id, update, responsible, { now: minutes(t0, 5) });
    expect(again).toEqual({ ...first, recorded: false });
    expect(await counts(id)).toEqual({ history: 2, audit: 2 });
    const other = await updateProgress(getDb(), id, { ...update, note: "Sigue igual" }, organizerActorFor(), { now: minutes(t0, 6) });
    expect(other.recorded).toBe(true);
    const sameNoteAgain = await updateProgress(getDb(), id, { ...update, note: "Sigue igual" }, responsible, { now: minutes(t0, 7) });
    expect(sameNoteAgain.recorded).toBe(true);
    const later = await updateProgress(getDb(), id, { ...update, note: "Sigue igual" }, responsible, { now: minutes(t0, 18) });
    expect(later.recorded).toBe(true);
    expect(await counts(id)).toEqual({ history: 5, audit: 5 });
  });
});
