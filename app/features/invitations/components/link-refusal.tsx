import { Link } from "@remix-run/react";
import { useT } from "~/i18n/index";

// What a delegation link that does not work shows: the styled refusal page (the same frame as
// the app's error page), why, and how to reach the organizers: the encounter's contact address
// when the link is genuine, else those of the encounters open now.

export interface LinkRefusalView {
  state: "invalid" | "withdrawn" | "expired";
  status: number;
  encounter: { slug: string; title: string } | null;
  contacts: string[];
}

export function LinkRefusal(props: LinkRefusalView) {
  const l = useT().invitations.delegation.link;
  const title = props.state === "invalid" ? l.invalidTitle : props.state === "withdrawn" ? l.withdrawnTitle : l.expiredTitle;
  const body = props.state === "invalid" ? l.invalidBody : props.state === "withdrawn" ? l.withdrawnBody : l.expiredBody;
  return (
    <section className="error-page">
      <p className="error-page__status">{props.status}</p>
      <h1>{title}</h1>
      {props.encounter ? <p className="muted">{props.encounter.title}</p> : null}
      <p>{body}</p>
      {props.contacts.length > 0 ? (
        <p>
          {l.contact}{" "}
          {props.contacts.map((email, i) => (
            <span key={email}>
              {i > 0 ? ", " : null}
              <a href={`mailto:${email}`}>{email}</a>
            </span>
          ))}
        </p>
      ) : (
        <p>{l.contactNone}</p>
      )}
      <p className="error-page__steps">
        {props.encounter ? (
          <Link to={`/encuentros/${props.encounter.slug}`} className="button">
            {l.encounterPage}
          </Link>
        ) : null}{" "}
        <Link to="/" className={props.encounter ? undefined : "button"}>
          {l.home}
        </Link>
      </p>
    </section>
  );
}
