import type { AnswerItem } from "~/features/questions/answers";
import { useT } from "~/i18n/index";

// A person's answers, read only: for organizers (a registration's page) and for the person
// once their answers can no longer change.

export function AnswerList({ items }: { items: readonly AnswerItem[] }) {
  const t = useT().questions;
  return (
    <dl className="facts">
      {items.map((item) => (
        <div key={item.questionId} style={{ display: "contents" }}>
          <dt>
            {item.label}
            {item.hidden ? <span className="muted"> {t.answers.hiddenQuestion}</span> : null}
            {item.sensitive ? (
              <>
                {" "}
                <span className="badge badge--warn">{t.fields.sensitiveBadge}</span>
              </>
            ) : null}
          </dt>
          <dd className={item.text === null ? "muted" : undefined} style={{ whiteSpace: "pre-line" }}>
            {item.text ?? t.answers.none}
          </dd>
        </div>
      ))}
    </dl>
  );
}
