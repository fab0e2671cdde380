import { format, useLocale, useT } from "~/i18n/index";
import { inLanguage } from "~/features/questions/kinds";

// The surveys open now on a person's registration page: a link to answer each one (their own
// link for a linked survey), or to change the answer they gave.

export interface OwnSurvey {
  id: number;
  title: { es: string; en: string };
  url: string;
  answered: boolean;
}

export function OwnSurveys({ surveys }: { surveys: readonly OwnSurvey[] }) {
  const t = useT().surveys.answer;
  const locale = useLocale();
  if (!surveys.length) return null;
  return (
    <section className="card" aria-labelledby="own-surveys">
      <h2 id="own-surveys">{t.ownTitle}</h2>
      <ul>
        {surveys.map((s) => (
          <li key={s.id}>
            <a href={s.url}>{format(s.answered ? t.ownEdit : t.ownAnswer, { survey: inLanguage(s.title, locale) })}</a>
            {s.answered ? <span className="muted"> ({t.ownAnswered})</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
