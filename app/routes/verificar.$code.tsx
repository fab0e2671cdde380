import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { format, useLocale, usePlural, useT } from "~/i18n/index";
import { certificateSettings, findCertificateByCode, hoursAttended } from "~/features/certificates/queries.server";
import { formatHours } from "~/features/certificates/rules";
import { getDb } from "~/server/db.server";
import { clientAddress } from "~/server/http.server";
import { enforceRateLimit } from "~/server/rate-limit.server";
import { formatDate } from "~/lib/time";

export const meta: MetaFunction = () => [{ title: "Verificar certificado · Convoca" }];

// Public: says whether a code is real and, if so, only what the certificate itself says.
export async function loader({ params, context }: LoaderFunctionArgs) {
  const db = getDb();
  await enforceRateLimit(db, [`verify:client:${clientAddress(context)}`], { limit: 60, windowMs: 15 * 60_000 });
  const found = await findCertificateByCode(db, params.code ?? "");
  if (!found) return data({ certificate: null }, { status: 404 });
  // The hours the certificate states, when it states them.
  const hours = (await certificateSettings(db, found.encounterId)).showHours
    ? ((await hoursAttended(db, found.encounterId, [found.registrationId])).get(found.registrationId) ?? null)
    : null;
  return {
    certificate: {
      fullName: found.fullName,
      entity: found.entity,
      city: found.city,
      encounterTitle: found.encounterTitle,
      startsAt: found.startsAt,
      timezone: found.timezone,
      code: found.code!,
      hours,
    },
  };
}

export default function VerifyCertificate() {
  const { certificate } = useLoaderData<typeof loader>();
  const t = useT().certificates;
  const locale = useLocale();
  const plural = usePlural();
  if (!certificate) {
    return (
      <section>
        <h1>{t.verifyTitle}</h1>
        <p className="alert alert--error" role="alert">
          {t.invalid} {t.invalidHint}
        </p>
        <Link to="/verificar">{t.verifyTitle}</Link>
      </section>
    );
  }
  return (
    <section>
      <h1>{t.verifyTitle}</h1>
      <div className="alert alert--ok" role="status">
        <h2>
          {t.valid}: {certificate.code}
        </h2>
        <p>
          {format(t.validBody, {
            name: certificate.fullName,
            entity: certificate.entity,
            city: certificate.city,
            encounter: certificate.encounterTitle,
            date: formatDate(certificate.startsAt, certificate.timezone, locale),
          })}
          {certificate.hours ? ` ${plural(t.validHours, certificate.hours, { count: formatHours(certificate.hours, locale) })}` : null}
        </p>
      </div>
    </section>
  );
}
