import { getFormProps, useForm } from "@conform-to/react";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/forms";
import { BarChart } from "~/features/reports/components/bar-chart";
import { cityPoints, ColombiaMap } from "~/features/reports/components/colombia-map";
import { EncounterDate } from "~/features/encounters/components/encounter-date";
import { StatList } from "~/features/reports/components/stat-list";
import { useT } from "~/i18n/index";
import { actorOf } from "~/server/audit.server";
import { setCommitmentsPublic } from "~/features/encounters/commands.server";
import { publicProgressSchema } from "~/features/encounters/forms";
import { encounterReport } from "~/features/reports/queries.server";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { getDb } from "~/server/db.server";
import { parseSubmission, refuse } from "~/server/forms.server";
import { QuestionReportSection } from "~/features/questions/components/question-report";
import { questionReport } from "~/features/questions/report.server";
import { messagesFor } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Informe · ${data?.encounter.title ?? ""} · Convoca` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const locale = await getLocale(request);
  return {
    encounter,
    report: await encounterReport(db, encounter.id),
    questions: await questionReport(db, encounter.id, locale, messagesFor(locale).common),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const submission = await parseSubmission(request, publicProgressSchema);
  if (submission.status !== "success") return refuse(submission);
  await setCommitmentsPublic(db, encounter.id, submission.value.intent === "public-on", actorOf.organizer(organizer.id));
  return redirect(`/admin/encuentros/${encounter.slug}/informe`);
}

function NameList({ title, names, none }: { title: string; names: string[]; none: string }) {
  return (
    <section className="card">
      <h3>
        {title} ({names.length})
      </h3>
      <p>{names.length ? names.join(", ") : none}</p>
    </section>
  );
}

export default function EncounterReportPage() {
  const { encounter, report, questions } = useLoaderData<typeof loader>();
  const [form] = useForm({ id: "public-progress", lastResult: useActionData<typeof action>() });
  const t = useT().reports;
  const base = `/admin/encuentros/${encounter.slug}`;
  const withPeople = report.cities.filter((c) => c.registered > 0 || c.attended > 0);
  return (
    <article className="report">
      <h1>
        {t.encounterTitle}: {encounter.title}
      </h1>
      <p className="muted">
        <EncounterDate startsAt={encounter.starts_at} endsAt={encounter.ends_at} timezone={encounter.timezone} />
      </p>
      <div className="actions no-print">
        <a className="button button--secondary" href={`${base}/informe.csv`} download>
          {t.exportCsv}
        </a>
        <a className="button button--secondary" href={`${base}/informe.xlsx`} download>
          {t.exportXlsx}
        </a>
        <a className="button button--secondary" href={`${base}/certificados.zip`} download>
          {t.certificates}
        </a>
        <button type="button" className="button button--secondary print-button" data-print>
          {t.print}
        </button>
      </div>

      <section aria-labelledby="summary">
        <h2 id="summary">{t.summary}</h2>
        <StatList
          stats={[
            [t.registered, report.totals.registered],
            [t.confirmed, report.totals.confirmed],
            [t.waitlisted, report.totals.waitlisted],
            [t.attended, report.totals.attended],
            [t.downloads, report.totals.downloads],
            [t.commitments, report.totals.commitments],
          ]}
        />
      </section>

      <div className="report__grid">
        <ColombiaMap
          id="map-attendance"
          title={t.mapAttendance}
          points={cityPoints(
            report.cities,
            (c) => (c.registered > 0 ? c.attended / c.registered : null),
            (c) => `${t.attended}: ${c.attended} / ${t.registered}: ${c.registered}`,
          )}
        />
        <div>
          <NameList title={t.citiesCame} names={report.citiesThatCame} none={t.none} />
          <NameList title={t.citiesRegisteredNotCame} names={report.citiesRegisteredNotCame} none={t.none} />
          <NameList title={t.citiesNotRegistered} names={report.citiesNotRegistered} none={t.none} />
        </div>
      </div>

      <BarChart
        id="by-city"
        title={t.byCity}
        valueLabel={t.attended}
        totalLabel={t.registered}
        data={withPeople.map((c) => ({ label: c.name, value: c.attended, total: c.registered }))}
      />
      <BarChart id="by-entity" title={t.byEntity} valueLabel={t.registered} data={report.byEntity.map((e) => ({ label: e.entity, value: e.registered }))} />
      <BarChart
        id="downloads"
        title={t.downloadsByCity}
        valueLabel={t.downloads}
        data={report.cities.filter((c) => c.downloads > 0).map((c) => ({ label: c.name, value: c.downloads }))}
      />
      <div className="report__grid">
        <BarChart
          id="instrument"
          title={t.byInstrument}
          valueLabel={t.commitments}
          data={Object.entries(report.byInstrument).map(([k, v]) => ({ label: t.instruments[k as keyof typeof t.instruments], value: v }))}
        />
        <BarChart
          id="theme"
          title={t.byTheme}
          valueLabel={t.commitments}
          data={Object.entries(report.byTheme).map(([k, v]) => ({ label: t.themes[k as keyof typeof t.themes], value: v }))}
        />
      </div>
      <BarChart
        id="status"
        title={t.byStatus}
        valueLabel={t.commitments}
        data={Object.entries(report.byStatus).map(([k, v]) => ({ label: t.statuses[k as keyof typeof t.statuses], value: v }))}
      />

      <QuestionReportSection report={questions} />

      <section className="card no-print" aria-labelledby="public-page">
        <h2 id="public-page">{t.publicPage}</h2>
        <p>{encounter.commitments_public ? t.publicOn : t.publicOff}</p>
        <FormErrors form={form} />
        <Form method="post" className="actions" {...getFormProps(form)}>
          <button type="submit" name="intent" value={encounter.commitments_public ? "public-off" : "public-on"} className="button">
            {encounter.commitments_public ? t.turnOff : t.turnOn}
          </button>
          {encounter.commitments_public ? <Link to={`/encuentros/${encounter.slug}/compromisos`}>{t.seePublic}</Link> : null}
        </Form>
      </section>
    </article>
  );
}
