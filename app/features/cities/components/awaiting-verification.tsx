import { Link } from "@remix-run/react";
import { useT } from "~/i18n/index";

/** What a signed-in person sees of a city before anyone verified them: who must, and nothing else. */
export function AwaitingVerification() {
  const t = useT().cityAuthority;
  return (
    <section className="narrow">
      <h1>{t.awaiting.title}</h1>
      <p className="alert alert--info" role="status">
        {t.awaiting.body}
      </p>
      <p>{t.awaiting.how}</p>
      <p>
        <Link to="/mi-cuenta">{t.awaiting.myAccount}</Link>
      </p>
    </section>
  );
}
