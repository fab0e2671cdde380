import { data, type ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "~/server/db.server";
import { parseSubmission, refuse, refuseForm } from "~/server/forms.server";
import { redirectWithFlash } from "~/server/flash.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { listCities } from "~/features/cities/queries.server";
import { invitationsSchema } from "~/features/invitations/forms";
import { inviteCities, resendInvitation, saveReminderDays, withdrawInvitation } from "~/features/invitations/commands/invite.server";
import { remindUnanswered } from "~/features/invitations/commands/remind.server";
import { findInvitationFor } from "~/features/invitations/queries/invitations.server";
import { citiesInRegion } from "~/features/invitations/regions";
import { messagesFor } from "~/i18n/catalog.server";
import { format, plural } from "~/i18n/index";
import { getLocale } from "~/i18n/locale.server";

// The invitations page's action: guard (an organizer), parse (one schema, a union on intent),
// call the command, answer with a flash or the form's refusal (4xx, nothing written).

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const submission = await parseSubmission(request, invitationsSchema);
  if (submission.status !== "success") return refuse(submission);
  const locale = await getLocale(request);
  const t = messagesFor(locale).invitations;
  const here = `/admin/encuentros/${encounter.slug}/invitaciones`;
  const value = submission.value;
  const options = { organizerId: organizer.id };

  if (value.intent === "inviteAll" || value.intent === "inviteRegion" || value.intent === "inviteChosen") {
    const cities = await listCities(db);
    const picked =
      value.intent === "inviteAll"
        ? cities
        : value.intent === "inviteRegion"
          ? citiesInRegion(cities, value.region)
          : cities.filter((c) => value.cities.includes(c.dane));
    if (picked.length === 0) return refuseForm(submission, "noCities");
    const result = await inviteCities(
      db,
      encounter.id,
      picked.map((c) => ({ cityId: c.id, typedEmail: value.address[c.dane] ?? null })),
      options,
    );
    if (!result.ok && result.reason === "notOpen") return refuseForm(submission, "notOpen", { status: 409 });
    if (!result.ok) {
      const missing = cities.filter((c) => result.reason === "noAddress" && result.cityIds.includes(c.id));
      return data(
        submission.reply({ formErrors: ["noAddresses"], fieldErrors: Object.fromEntries(missing.map((c) => [`address.${c.dane}`, ["noAddress"]])) }),
        { status: 400 },
      );
    }
    const said = [plural(locale, t.admin.done.invited, result.invited.length)];
    if (result.alreadyInvited.length > 0) said.push(plural(locale, t.admin.done.already, result.alreadyInvited.length));
    return redirectWithFlash(here, said.join(" "));
  }

  if (value.intent === "resend" || value.intent === "withdraw") {
    const city = (await listCities(db)).find((c) => c.dane === value.city);
    const invitation = city ? await findInvitationFor(db, encounter.id, city.id) : null;
    if (!city || !invitation || invitation.withdrawn_at !== null) return refuseForm(submission, "notInvited", { status: 409 });
    if (value.intent === "withdraw") {
      await withdrawInvitation(db, invitation.id, options);
      return redirectWithFlash(here, format(t.admin.done.withdrawn, { city: city.name }));
    }
    const result = await resendInvitation(db, invitation.id, { ...options, typedEmail: value.address[city.dane] ?? undefined });
    if (!result.ok) return refuseForm(submission, result.reason, { status: result.reason === "noAddress" ? 400 : 409 });
    return redirectWithFlash(here, format(result.newLink ? t.admin.done.resentNewLink : t.admin.done.resent, { city: city.name }));
  }

  if (value.intent === "remind") {
    const result = await remindUnanswered(db, encounter.id, options);
    if (!result.ok) return refuseForm(submission, "notOpen", { status: 409 });
    return redirectWithFlash(here, result.reminded.length === 0 ? t.admin.done.remindedNone : plural(locale, t.admin.done.reminded, result.reminded.length));
  }

  await saveReminderDays(db, encounter.id, value.days, options);
  return redirectWithFlash(here, t.admin.done.saved);
}

export type InvitationsAction = typeof action;
