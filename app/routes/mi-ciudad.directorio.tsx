import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/features/commitments/access.server";
import { AwaitingVerification } from "~/features/cities/components/awaiting-verification";
import { AddPersonForm, RosterRefusal, repliedIntent, type RosterReply } from "~/features/cities/components/roster-forms";
import { RosterTable, RowButton } from "~/features/cities/components/roster-table";
import { focalRosterSchema } from "~/features/cities/forms";
import { addToRoster, handOverFocalPoint, withdrawFromRoster } from "~/features/cities/members.server";
import { findCityById, listRoster } from "~/features/cities/queries.server";
import { refuseRoster } from "~/features/cities/roster-refusals.server";
import { messagesFor } from "~/i18n/catalog.server";
import { format, useT } from "~/i18n/index";
import { getLocale } from "~/i18n/locale.server";
import { getDb } from "~/server/db.server";
import { redirectWithFlash } from "~/server/flash.server";
import { parseSubmission, refuse } from "~/server/forms.server";
import { notFound } from "~/server/http.server";

// A city's roster (directorio de la ciudad) for its own people, after an email-link sign-in:
// its officials read who speaks for the city (and how to reach its focal points); a focal point
// (enlace) keeps it: adds officials, withdraws them, hands the role to someone else. Every
// request reads the roster again (requireViewer → cityAuthorityOf): a focal point withdrawn
// while signed in has no session left, one who handed the role on is an official from the next
// request. Organizers keep every city's roster at /admin/ciudades.

export const meta: MetaFunction = () => [{ title: "Directorio de mi ciudad · Convoca" }];

const here = "/mi-ciudad/directorio";

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const viewer = await requireViewer(request, db);
  if (viewer.kind === "organizer") throw redirect("/admin/ciudades");
  if (!viewer.authority) return { verified: false as const };
  const city = await findCityById(db, viewer.authority.cityId);
  if (!city) notFound();
  const focal = viewer.authority.role === "focal_point";
  const roster = await listRoster(db, city.id);
  return {
    verified: true as const,
    focal,
    me: viewer.participant.id,
    city: { name: city.name },
    // A focal point keeps the roster and sees every address; an official, only the focal points' (to reach them).
    roster: roster.map((r) => ({ ...r, email: focal || r.role === "focal_point" ? r.email : null })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const viewer = await requireViewer(request, db);
  if (viewer.kind === "organizer") throw redirect("/admin/ciudades");
  const submission = await parseSubmission(request, focalRosterSchema);
  // Only a focal point of the city changes its roster, whatever was posted.
  const authority = viewer.authority;
  if (!authority || authority.role !== "focal_point") return refuseRoster(submission, "notFocalPoint");
  if (submission.status !== "success") return refuse(submission);
  const form = submission.value;
  const locale = await getLocale(request);
  const city = await findCityById(db, authority.cityId);
  if (!city) notFound();
  const done = messagesFor(locale).cities.done;
  const me = viewer.participant.id;
  const cityId = authority.cityId;
  const result =
    form.intent === "add"
      ? await addToRoster(
          db,
          { kind: "focal_point", participantId: me },
          { cityId, person: { fullName: form.fullName, email: form.email, entity: form.entity, position: form.position, locale }, role: "official" },
        )
      : form.intent === "withdraw"
        ? await withdrawFromRoster(db, { kind: "focal_point", participantId: me }, { cityId, rosterId: form.rosterId })
        : await handOverFocalPoint(db, me, { cityId, rosterId: form.rosterId });
  if (!result.ok) return refuseRoster(submission, result.reason, result.cityName);
  const text = { add: done.added, withdraw: done.withdrawn, handOver: done.handedOver }[form.intent];
  return redirectWithFlash(here, format(text, { name: result.name, city: city.name }));
}

export default function MyCityRosterPage() {
  const page = useLoaderData<typeof loader>();
  return page.verified ? <MyCityRoster {...page} /> : <AwaitingVerification />;
}

function MyCityRoster({ focal, me, city, roster }: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { verified: true }>) {
  const t = useT().cities;
  const result = useActionData<typeof action>() as RosterReply | undefined;
  const intent = repliedIntent(result);
  return (
    <section>
      <h1>{format(t.mine.title, { city: city.name })}</h1>
      <p className="lead">{focal ? t.mine.introFocal : t.mine.introOfficial}</p>
      <p>
        <Link to="/mi-ciudad/compromisos">{t.mine.commitments}</Link>
      </p>
      {intent !== "add" ? <RosterRefusal result={result} /> : null}
      <RosterTable
        rows={roster}
        you={me}
        actions={
          focal
            ? (r) =>
                r.role === "focal_point" ? null : (
                  <>
                    <RowButton intent="handOver" rosterId={r.rosterId} label={t.mine.handOver} name={r.fullName} hint={t.mine.handOverHint} />
                    <RowButton intent="withdraw" rosterId={r.rosterId} label={t.mine.withdraw} name={r.fullName} danger />
                  </>
                )
            : undefined
        }
      />
      {focal ? (
        <AddPersonForm
          lastResult={intent === "add" ? result : undefined}
          withRole={false}
          title={t.mine.addTitle}
          intro={t.mine.addIntro}
          submit={t.mine.add}
        />
      ) : null}
    </section>
  );
}
