import type { MetaFunction } from "@remix-run/node";
import { useT } from "~/i18n/index";
import { lightPage } from "~/lib/light-page";

// Read, not worked in: no React on a first visit (app/lib/light-page.ts).
export const handle = lightPage;

export const meta: MetaFunction = () => [{ title: "Aviso de privacidad · Convoca" }];

const sections = ["controller", "data", "purpose", "sensitive", "retention", "rights", "how"] as const;

export default function PrivacyNotice() {
  const t = useT().privacy;
  return (
    <article className="prose">
      <h1>{t.title}</h1>
      <p className="lead">{t.intro}</p>
      {sections.map((key) => (
        <section key={key} aria-labelledby={`privacy-${key}`}>
          <h2 id={`privacy-${key}`}>{t[`${key}Title`]}</h2>
          <p>{t[key]}</p>
        </section>
      ))}
      <p className="muted">{t.updated}</p>
    </article>
  );
}
