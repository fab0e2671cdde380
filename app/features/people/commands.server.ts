import { sql } from "kysely";
import type { DB } from "~db/client";
import { writeTransaction } from "~db/write-transaction";
import { containsText, exportPersonData, findPersonByEmail, type Person } from "~/features/people/queries.server";
import { forgetAnswers } from "~/features/questions/commands.server";
import { forgetSurveyResponses } from "~/features/surveys/commands.server";
import { anonymousEmail, blankPersonInImport, nameAsWritten, removedEmail, removedName, type Json } from "~/features/people/rules";
import { actorOf, recordAudit } from "~/server/audit.server";
import { normalizeEmail } from "~/server/auth.server";

// The Ley 1581 requests that write: the copy (audited: someone read the person's data) and the
// deletion, which keeps the anonymous counts (registrations, attendance, downloads) but no
// longer says who. Deletion must reach every copy of the person's data (db/personal-data.ts
// lists where they are; tests/people/ prove each).

/** The copy of everything Convoca holds about the person, audited as read by `actor`; null if unknown. */
export async function copyPersonData(db: DB, email: string, actor: string) {
  const copy = await exportPersonData(db, email);
  if (!copy) return null;
  await writeTransaction(db, (trx) => recordAudit(trx, { actor, action: "person.export", entity: "participant", entityId: copy.participant?.id ?? null }));
  return copy;
}

/**
 * Deletes what identifies the person, in one transaction: contact data, free-text needs,
 * sessions, sign-in tokens, unsent mail and mail bodies. Rows that count (registrations,
 * check-ins, downloads) stay, pointing at an anonymous participant of the same city. The
 * audit entry says that a deletion happened, not whose: the email is what was deleted.
 */
export async function deletePersonData(db: DB, email: string, actor: string = actorOf.system, now = new Date()) {
  const person = await findPersonByEmail(db, email);
  if (!person) return null;
  const at = now.toISOString();
  const result = { participantId: person.participant?.id ?? null, commitments: person.responsibleFor.length };
  await writeTransaction(db, async (trx) => {
    if (person.participant) {
      const id = person.participant.id;
      await trx
        .updateTable("participants")
        .set({ email: anonymousEmail(id), full_name: removedName, phone: null, position: "", updated_at: at })
        .where("id", "=", id)
        .execute();
      await trx.updateTable("registrations").set({ needs: null, updated_at: at }).where("participant_id", "=", id).execute();
      // Their answers to registration questions, the sensitive ones included.
      await forgetAnswers(trx, id);
      // Their answers to linked surveys (anonymous ones name nobody).
      await forgetSurveyResponses(trx, id);
      await trx.deleteFrom("sessions").where("participant_id", "=", id).execute();
      // An anonymous person speaks for no city.
      const roster = await trx
        .selectFrom("city_roster")
        .select(["id", "city_id"])
        .where("participant_id", "=", id)
        .where("withdrawn_at", "is", null)
        .executeTakeFirst();
      // The position held on the roster names the person like their own position does.
      await trx.updateTable("city_roster").set({ position: "" }).where("participant_id", "=", id).execute();
      if (roster) {
        await trx
          .updateTable("city_roster")
          .set({ withdrawn_at: at, withdrawn_reason: "person_deleted", focal_point_since: null })
          .where("id", "=", roster.id)
          .execute();
        // Ids only: the entry outlives the person's data.
        await recordAudit(trx, {
          actor: actorOf.system,
          action: "city_roster.withdraw",
          entity: "participant",
          entityId: id,
          data: { cityId: roster.city_id, rosterId: roster.id, reason: "person_deleted" },
        });
      }
      await trx.deleteFrom("profile_change_requests").where("participant_id", "=", id).execute();
    }
    await trx.updateTable("official_mails").set({ recipient: removedEmail }).where("recipient", "=", person.email).execute();
    // An invitation mailed to an address an organizer typed loses it, and its link stops working.
    await trx
      .updateTable("invitations")
      .set((eb) => ({ typed_email: null, link_version: eb("link_version", "+", 1), updated_at: at }))
      .where("typed_email", "=", person.email)
      .execute();
    await trx.deleteFrom("login_tokens").where("email", "=", person.email).execute();
    await trx
      .updateTable("commitments")
      .set({
        responsible_name: "Responsable retirado",
        responsible_position: "",
        responsible_email: "responsable-retirado@anonimo.invalid",
        reminders_stopped_at: at,
        updated_at: at,
      })
      .where("responsible_email", "=", person.email)
      .execute();
    await trx
      .updateTable("email_outbox")
      .set({ status: "failed", last_error: "Datos eliminados a pedido de la persona", next_attempt_at: at })
      .where("recipient", "=", person.email)
      .where("status", "in", ["pending", "sending"])
      .execute();
    await trx
      .deleteFrom("email_outbox_bodies")
      .where("outbox_id", "in", trx.selectFrom("email_outbox").select("id").where("recipient", "=", person.email))
      .execute();
    await trx.updateTable("email_outbox").set({ recipient: removedEmail, data: "{}" }).where("recipient", "=", person.email).execute();
    await forgetInHistory(trx, person);
    await recordAudit(trx, {
      actor,
      action: "person.delete",
      entity: "participant",
      entityId: result.participantId,
      data: { commitments: result.commitments },
    });
  });
  return result;
}

/**
 * The history keeps what happened, not who: the person's name on the updates they wrote, and
 * their address and name inside audit entries, are replaced. Names are matched only on the
 * rows tied to the person (their city's commitments, the commitments they answered for).
 */
async function forgetInHistory(trx: DB, person: Person) {
  const names = new Set<string>();
  if (person.participant) {
    const { id, full_name: name } = person.participant;
    names.add(name);
    await trx.updateTable("commitment_updates").set({ author_name: removedName }).where("author_participant_id", "=", id).execute();
    // Updates older than author_participant_id that its migration could not attribute: the
    // person's name on a commitment of their city.
    const city = await trx.selectFrom("participants").select("city_id").where("id", "=", id).executeTakeFirstOrThrow();
    await trx
      .updateTable("commitment_updates")
      .set({ author_name: removedName })
      .where("author_kind", "=", "participant")
      .where("author_participant_id", "is", null)
      .where("author_name", "=", name)
      .where("commitment_id", "in", trx.selectFrom("commitments").select("id").where("city_id", "=", city.city_id))
      .execute();
  }
  for (const c of person.responsibleFor) {
    names.add(c.responsible_name);
    await trx
      .updateTable("commitment_updates")
      .set({ author_name: removedName })
      .where("author_kind", "=", "responsible")
      .where("author_name", "=", c.responsible_name)
      .where("commitment_id", "=", c.id)
      .execute();
  }

  await trx.updateTable("audit_log").set({ actor: "responsible:eliminado" }).where("actor", "=", `responsible:${person.email}`).execute();
  // Wherever else the address or a name is written inside text: audit entries, mail to other
  // people (its data, subject and body), and the lists organizers imported.
  const replacements: Array<[string, string]> = [[person.email, removedEmail]];
  for (const name of names) {
    const written = nameAsWritten(name);
    if (written) replacements.push([written, removedName]);
  }
  for (const [text, replacement] of replacements) {
    await replaceIn(trx, "audit_log", "data", text, replacement);
    await replaceIn(trx, "email_outbox", "data", text, replacement);
    await replaceIn(trx, "email_outbox", "subject", text, replacement);
    await replaceIn(trx, "email_outbox_bodies", "html", text, replacement);
    await replaceIn(trx, "email_outbox_bodies", "text", text, replacement);
  }
  await forgetInImports(trx, person.email);
}

/**
 * An imported list keeps each row as the organizer's file had it (name, address, phone,
 * position, needs): the person's rows are blanked field by field, the others left as they were.
 */
async function forgetInImports(trx: DB, email: string) {
  const isTheirs = (address: string) => normalizeEmail(address) === email;
  const lists = await trx
    .selectFrom("registration_imports")
    .select(["id", "rows", "refused", "results"])
    .where((eb) => eb.or([containsText("rows", email), containsText("refused", email), containsText("results", email)]))
    .execute();
  for (const list of lists) {
    const rewrite = (text: string) => JSON.stringify(blankPersonInImport(JSON.parse(text) as Json, isTheirs));
    await trx
      .updateTable("registration_imports")
      .set({ rows: rewrite(list.rows), refused: rewrite(list.refused), results: rewrite(list.results) })
      .where("id", "=", list.id)
      .execute();
  }
}

async function replaceIn(
  trx: DB,
  table: "audit_log" | "email_outbox" | "email_outbox_bodies" | "registration_imports",
  column: string,
  text: string,
  replacement: string,
) {
  await sql`update ${sql.table(table)} set ${sql.ref(column)} = replace(${sql.ref(column)}, ${text}, ${replacement}) where ${containsText(column, text)}`.execute(
    trx,
  );
}
