import { Form } from "@remix-run/react";
import type { RosterRole, RosterVia } from "~db/schema";
import { format, useLocale, useT } from "~/i18n/index";
import { formatDateTime } from "~/lib/time";

// Whether a registered person speaks for a city, and the organizer's one-click button to
// verify them or withdraw it (a plain form: works without JavaScript).

export interface StandingView {
  cityName: string;
  role?: RosterRole;
  via: RosterVia;
  verifiedAt: string;
  verifiedBy: string | null;
}

export function RosterStanding({ standing, personCity, timezone }: { standing: StandingView | null; personCity: string; timezone: string }) {
  const t = useT().cityAuthority;
  const locale = useLocale();
  if (!standing) return <span className="badge badge--warn">{t.roster.unverified}</span>;
  const when = formatDateTime(standing.verifiedAt, timezone, locale);
  const who = standing.verifiedBy ?? t.roster.someone;
  const how = {
    check_in: format(t.roster.viaCheckIn, { when }),
    organizer: format(t.roster.viaOrganizer, { when, who }),
    focal_point: format(t.roster.viaFocalPoint, { when, who }),
    email_domain: format(t.roster.viaEmailDomain, { when }),
  }[standing.via];
  return (
    <>
      <span className="badge badge--ok">
        {standing.cityName === personCity ? t.roster.verified : format(t.roster.verifiedFor, { city: standing.cityName })}
      </span>
      {standing.role === "focal_point" ? <span className="badge">{t.roster.focalPoint}</span> : null}
      <br />
      <span className="muted">{how}</span>
    </>
  );
}

export function RosterButton({
  registrationId,
  cityId,
  verifiedForOwnCity,
  verified,
  name,
  disabled,
}: {
  registrationId: number;
  cityId: number;
  verified: boolean;
  verifiedForOwnCity: boolean;
  name: string;
  disabled?: boolean;
}) {
  const t = useT().cityAuthority;
  return (
    <>
      {!verifiedForOwnCity ? (
        <Form method="post">
          <input type="hidden" name="intent" value="verifyCity" />
          <input type="hidden" name="registrationId" value={registrationId} />
          <input type="hidden" name="cityId" value={cityId} />
          <button type="submit" className="button button--small" disabled={disabled} aria-label={`${t.roster.verify}: ${name}`}>
            {t.roster.verify}
          </button>
        </Form>
      ) : null}
      {verified ? (
        <Form method="post">
          <input type="hidden" name="intent" value="withdrawCity" />
          <input type="hidden" name="registrationId" value={registrationId} />
          <button type="submit" className="button button--danger button--small" disabled={disabled} aria-label={`${t.roster.withdraw}: ${name}`}>
            {t.roster.withdraw}
          </button>
        </Form>
      ) : null}
    </>
  );
}

export function RosterNotice({ outcome }: { outcome: "verified" | "already" | "withdrawn" | "notVerified" | "cityChanged" }) {
  const t = useT().cityAuthority;
  return (
    <p className={`alert ${outcome === "cityChanged" ? "alert--warn" : "alert--ok"}`} role="status">
      {t.roster.done[outcome]}
    </p>
  );
}
