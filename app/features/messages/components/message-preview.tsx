import { Form } from "@remix-run/react";
import { useT } from "~/i18n/index";

// The message as one recipient would read it: a GET form to choose whom (works without
// JavaScript), the HTML in a sandboxed frame, and the plain-text version.

export interface PreviewView {
  as: number;
  choices: Array<{ id: number; name: string; city: string }>;
  subject: string;
  html: string;
  text: string;
}

export function MessagePreview({ preview }: { preview: PreviewView }) {
  const m = useT().messages.message;
  return (
    <section aria-labelledby="preview-title" className="stack">
      <h2 id="preview-title">{m.previewTitle}</h2>
      <Form method="get" className="actions">
        <label htmlFor="preview-as">{m.previewAs}</label>
        <select id="preview-as" name="como" defaultValue={String(preview.as)}>
          {preview.choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} · {c.city}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--secondary">
          {m.show}
        </button>
      </Form>
      <p className="muted">{m.previewNote}</p>
      <p>
        <strong>{preview.subject}</strong>
      </p>
      {/* sandbox="" : no scripts, no forms, no same-origin access, whatever the HTML holds. */}
      <iframe
        title={m.frameTitle}
        sandbox=""
        srcDoc={preview.html}
        referrerPolicy="no-referrer"
        style={{ width: "100%", height: "32rem", border: "1px solid var(--line)", background: "#fff" }}
      />
      <details>
        <summary>{m.textVersion}</summary>
        <pre className="card" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          {preview.text}
        </pre>
      </details>
    </section>
  );
}
