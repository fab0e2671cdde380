import { data, type ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "~/server/db.server";
import { parseFields, refuse, refuseForm } from "~/server/forms.server";
import { readForm } from "~/server/http.server";
import { redirectWithFlash } from "~/server/flash.server";
import { cancelDelegate, declineInvitation, registerDelegates, type RowRefusal } from "~/features/invitations/commands/delegation.server";
import { replaceDelegate } from "~/features/invitations/commands/replace.server";
import { delegatePrefix, delegationSchema, filledRows } from "~/features/invitations/forms";
import { parseAnswers, type AnswerErrors } from "~/features/questions/answers";
import { questionsForForm } from "~/features/questions/queries.server";
import { delegationHeaders, openDelegationLink } from "~/features/invitations/link.server";
import { messagesFor } from "~/i18n/catalog.server";
import { plural } from "~/i18n/index";
import { getLocale } from "~/i18n/locale.server";
import { refused } from "./load.server";

// The delegation page's action, whoever holds the link: register several people, replace or
// cancel one, decline the invitation. The link is checked on every POST as on the GET (a
// forged, withdrawn or expired one writes nothing); refusals are 4xx with conform's reply.

/** The key a row refusal shows: the city is part of it when the address is on another city's roster. */
const keyOf = (r: RowRefusal) => (r.key === "otherCityRoster" && r.city ? `otherCityRoster:${r.city}` : r.key);
const status = { gone: 410, closed: 409, locked: 409, notInDelegation: 409, hasDelegates: 409 } as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const opened = await openDelegationLink(db, context, params.token);
  if (opened.state !== "ok") return refused(db, opened);
  const formData = await readForm(request);
  const submission = parseFields(formData, delegationSchema);
  // "Add another row" without JavaScript: the form comes back with one more row, nothing written.
  if (submission.status === undefined) return data(submission.reply(), { headers: delegationHeaders });
  if (submission.status !== "success") return refuse(submission);
  const locale = await getLocale(request);
  const t = messagesFor(locale).invitations.delegation;
  const here = `/delegacion/${params.token}`;
  const value = submission.value;
  const invitationId = opened.invitation.id;
  const flash = (text: string) => redirectWithFlash(here, text, { status: 303, headers: delegationHeaders });

  if (value.intent === "register") {
    // Each filled row's answers to the encounter's questions, under the row's own prefix; the
    // sensitive ones are left to the person, on their own page, with their own consent.
    const questions = await questionsForForm(db, opened.encounter.id);
    const answerErrors: AnswerErrors = {};
    const rows = filledRows(value.delegates).map(({ index, person }) => {
      const parsed = parseAnswers(questions, formData, { prefix: delegatePrefix(index), includeSensitive: false });
      if (!parsed.ok) Object.assign(answerErrors, parsed.errors);
      return { index, person: { ...person, answers: parsed.ok ? parsed.value : undefined } };
    });
    if (Object.keys(answerErrors).length > 0) return data(submission.reply({ fieldErrors: answerErrors }), { status: 400, headers: delegationHeaders });
    const result = await registerDelegates(db, invitationId, rows, { locale });
    if (!result.ok && result.reason === "rows") {
      const fieldErrors = Object.fromEntries(result.refusals.map((r) => [`delegates[${r.index}].${r.field}`, [keyOf(r)]]));
      return data(submission.reply({ fieldErrors }), { status: 400, headers: delegationHeaders });
    }
    if (!result.ok) return refuseForm(submission, result.reason, { status: status[result.reason] });
    const said = [
      plural(locale, t.done.confirmed, result.tally.confirmed),
      ...(result.tally.waitlisted > 0 ? [plural(locale, t.done.waitlisted, result.tally.waitlisted)] : []),
      ...(result.tally.already > 0 ? [plural(locale, t.done.already, result.tally.already)] : []),
    ];
    return flash(`${t.done.registered.replace("{summary}", said.join(", "))} ${t.done.mailed}`);
  }

  if (value.intent === "replace") {
    const { intent: _intent, registrationId, ...person } = value;
    const result = await replaceDelegate(db, invitationId, registrationId, person, { locale });
    if (!result.ok && result.reason === "rows") {
      const fieldErrors = Object.fromEntries(result.refusals.map((r) => [r.field, [keyOf(r)]]));
      return data(submission.reply({ fieldErrors }), { status: 400, headers: delegationHeaders });
    }
    if (!result.ok) return refuseForm(submission, result.reason, { status: status[result.reason] });
    return flash(t.done.replaced);
  }

  if (value.intent === "cancel") {
    const result = await cancelDelegate(db, invitationId, value.registrationId);
    if (!result.ok) return refuseForm(submission, result.reason, { status: status[result.reason] });
    return flash(t.done.cancelled);
  }

  const result = await declineInvitation(db, invitationId, value.reason);
  if (!result.ok) return refuseForm(submission, result.reason, { status: status[result.reason] });
  return flash(t.done.declined);
}

export type DelegationAction = typeof action;
