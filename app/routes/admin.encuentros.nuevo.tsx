import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { EncounterForm } from "~/features/encounters/components/encounter-form";
import { useT } from "~/i18n/index";
import { actorOf } from "~/server/audit.server";
import { createEncounter } from "~/features/encounters/commands.server";
import { listCities } from "~/features/cities/queries.server";
import { calendarZones } from "~/features/agenda/calendar.server";
import { formValues, type SchedulingErrors } from "~/features/agenda/forms";
import { parseEncounterForm } from "~/features/encounters/forms";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { badRequest, readForm } from "~/server/http.server";
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
  const formData = await readForm(request);
  const form = parseEncounterForm(formData, calendarZones());
  if (!form.ok) return badRequest({ errors: form.errors, values: form.values });
  const result = await createEncounter(getDb(), form.data, actorOf.organizer(organizer.id));
  if (!result.ok) return badRequest({ errors: { [result.field]: result.error } as SchedulingErrors, values: formValues(formData) });
  return redirect(`/admin/encuentros/${result.encounter.slug}?hecho=created`);
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
      <EncounterForm values={refused?.values ?? defaults} errors={refused?.errors} cities={cities} zones={zones} submitLabel={t.encounters.create} />
    </section>
  );
}
