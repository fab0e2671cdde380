import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { EncounterForm } from "~/features/encounters/components/encounter-form";
import { useT } from "~/i18n/index";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { actorOf } from "~/server/audit.server";
import { createEncounter } from "~/features/encounters/commands.server";
import { listCities } from "~/features/cities/queries.server";
import { calendarZones } from "~/features/agenda/calendar.server";
import { encounterSchema } from "~/features/encounters/forms";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { redirectWithFlash } from "~/server/flash.server";
import { parseSubmission, refuse, refuseField } from "~/server/forms.server";
import { addDays, defaultTimezone, utcToWallTime } from "~/lib/time";

export const meta: MetaFunction = () => [{ title: "Nuevo encuentro · Convoca" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  // A sensible start: a month from now, a morning in Bogotá, as in the demo's encounters.
  const day = utcToWallTime(addDays(new Date(), 30).toISOString(), defaultTimezone).date;
  return {
    cities: await listCities(getDb()),
    zones: calendarZones(),
    defaults: { timezone: defaultTimezone, startDate: day, startTime: "08:00", endDate: day, endTime: "17:00", capacity: "120", cityQuota: "5" },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const organizer = await requireOrganizer(request);
  const submission = await parseSubmission(request, encounterSchema(calendarZones()));
  if (submission.status !== "success") return refuse(submission);
  const result = await createEncounter(getDb(), submission.value, actorOf.organizer(organizer.id));
  if (!result.ok) return refuseField(submission, result.field, result.error);
  return redirectWithFlash(`/admin/encuentros/${result.encounter.slug}`, messagesFor(await getLocale(request)).scheduling.encounters.done.created);
}

export default function NewEncounterPage() {
  const { cities, zones, defaults } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const all = useT();
  const t = all.scheduling;
  return (
    <section>
      <p className="no-print">
        <Link to="/admin">← {all.admin.encounters}</Link>
      </p>
      <h1>{t.encounters.newTitle}</h1>
      <p>{t.encounters.newIntro}</p>
      <EncounterForm defaultValue={defaults} lastResult={refused} cities={cities} zones={zones} submitLabel={t.encounters.create} />
    </section>
  );
}
