import { getFormProps, useForm, type Submission, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { formBodyLimit, readForm } from "~/server/http.server";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { FieldFrame, fieldIds, FormAlert, FormErrors, useErrorText } from "~/components/forms";
import { format, plural, useLocale, useT } from "~/i18n/index";
import { describeImportReason } from "~/features/registrations/import-reasons";
import { runImportChunk } from "~/features/registrations/commands/import.server";
import { previewImport, type PreviewResult } from "~/features/registrations/import.server";
import { importIdOf, importSchema } from "~/features/registrations/forms";
import { findImport } from "~/features/registrations/queries.server";
import { importLimits, type ImportResults } from "~/features/registrations/rules";
import { requireOrganizerEncounter } from "~/features/encounters/access.server";
import { getDb } from "~/server/db.server";
import { parseFields, refuse, refuseForm } from "~/server/forms.server";

// /admin/encuentros/:slug/registros/importar — a CSV of invited officials: upload, preview
// (rows refused and why; nothing saved), then run. With JavaScript the run goes in chunks with
// a progress bar; without it, one request does the whole file.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Importar · ${data.encounter.title} · Convoca` : "Convoca" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { encounter } = await requireOrganizerEncounter(db, request, params.slug);
  const importId = importIdOf(new URL(request.url).searchParams.get("id"));
  const found = importId ? await findImport(db, importId, encounter.id) : null;
  return {
    encounter: { slug: encounter.slug, title: encounter.title },
    missing: importId !== null && !found,
    current: found
      ? {
          id: found.id,
          fileName: found.file_name,
          total: found.total,
          valid: found.rows.length,
          processed: found.processed,
          status: found.status,
          sample: found.rows
            .slice(0, 20)
            .map((r) => ({ line: r.line, fullName: r.fullName, email: r.email, cityDane: r.cityDane, entity: r.entity, position: r.position })),
          refused: found.refused.slice(0, 500),
          refusedCount: found.refused.length,
          results: found.results,
        }
      : null,
  };
}

/** A run's answer to the page's script: how far the import went. */
type Chunk = { kind: "chunk"; processed: number; total: number; done: boolean; results: ImportResults };

/**
 * A file the preview cannot use (missing columns, unreadable, too many rows): the file field's
 * error, conform's reply, with what the message names beside it (the columns, the reader's reason).
 */
function refuseFile(submission: Submission<unknown>, error: Exclude<PreviewResult, { ok: true }>["error"], detail?: string) {
  return data({ ...submission.reply({ fieldErrors: { file: [error] } }), detail }, { status: 400 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { organizer, encounter } = await requireOrganizerEncounter(db, request, params.slug);
  // The CSV comes inside the form, read through the capped body reader: this route's cap is the
  // import limit plus the form's.
  const submission = parseFields(await readForm(request, importLimits.maxBytes + formBodyLimit), importSchema);
  if (submission.status !== "success") return refuse(submission);
  const here = `/admin/encuentros/${encounter.slug}/registros/importar`;
  const form = submission.value;
  if (form.intent === "preview") {
    const text = new TextDecoder("utf-8").decode(await form.file.arrayBuffer());
    const result = await previewImport(db, { encounterId: encounter.id, organizerId: organizer.id, fileName: form.file.name, text });
    if (!result.ok) return refuseFile(submission, result.error, result.detail);
    return redirect(`${here}?id=${result.importId}`, 303);
  }
  const run = { importId: form.id, encounterId: encounter.id, organizerId: organizer.id, notify: form.notify };
  const oneChunk = form.chunk === "1";
  let result = await runImportChunk(db, run);
  while (result && !result.done && !oneChunk) result = await runImportChunk(db, run);
  if (!result) return refuseForm(submission, "unknownImport", { status: 404 });
  if (oneChunk) return { kind: "chunk", ...result } satisfies Chunk;
  return redirect(`${here}?id=${form.id}`, 303);
}

export default function ImportRegistrations() {
  const { encounter, current, missing } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const reply = result && !("kind" in result) ? result : undefined;
  const t = useT();
  const m = t.registration.import;
  const busy = useNavigation().state === "submitting";
  const back = `/admin/encuentros/${encounter.slug}/registros`;
  return (
    <section className="stack import-preview">
      <p className="no-print">
        <Link to={back}>{t.registration.admin.back}</Link>
      </p>
      <h1>{format(m.title, { encounter: encounter.title })}</h1>
      {missing ? <p className="alert alert--error">{m.unknownImport}</p> : null}
      {reply?.initialValue?.intent === "run" ? (
        <FormAlert>{reply.error?.[""]?.[0] === "unknownImport" ? m.unknownImport : t.registration.errors.invalid}</FormAlert>
      ) : null}

      {current && current.status === "done" ? (
        <Finished results={current.results} back={back} />
      ) : current ? (
        <Preview current={current} />
      ) : (
        <>
          <p>{m.intro}</p>
          <p className="muted">{m.consentNote}</p>
          <UploadForm reply={reply?.initialValue?.intent === "run" ? undefined : reply} busy={busy} />
        </>
      )}
    </section>
  );
}

/** The CSV to preview: a refused file says why beside the field. */
function UploadForm({ reply, busy }: { reply: (SubmissionResult<string[]> & { detail?: string }) | undefined; busy: boolean }) {
  const t = useT();
  const m = t.registration.import;
  const [form, fields] = useForm<{ file: File }>({ id: "import-upload", lastResult: reply });
  // A file's refusal names what the preview found: the columns missing, the reader's reason.
  const messages = {
    ...t.registration.errors,
    noFile: m.noFile,
    tooLarge: m.tooLarge,
    noRows: m.noRows,
    badFile: format(m.badFile, { reason: reply?.detail ?? "" }),
    missingColumns: format(m.missingColumns, { columns: reply?.detail ?? "" }),
    tooMany: format(m.tooMany, { max: importLimits.maxRows }),
  };
  const errorText = useErrorText(messages)(fields.file.errors?.[0]);
  const ids = fieldIds("file", "import-file", true, Boolean(errorText));
  return (
    <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(form)}>
      <FormErrors form={form} messages={messages} />
      <input type="hidden" name="intent" value="preview" />
      <FieldFrame fieldId={ids.fieldId} label={m.file} required hint={m.fileHint} hintId={ids.hintId} error={errorText} errorId={ids.errorId}>
        <input id={ids.fieldId} type="file" name={fields.file.name} accept=".csv,text/csv" required {...ids.aria} />
      </FieldFrame>
      <div>
        <button type="submit" className="button" disabled={busy}>
          {m.preview}
        </button>
      </div>
    </Form>
  );
}

type Current = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["current"]>;

function Preview({ current }: { current: Current }) {
  const t = useT();
  const locale = useLocale();
  const m = t.registration.import;
  const fetcher = useFetcher<typeof action>();
  const revalidator = useRevalidator();
  const [running, setRunning] = useState(false);
  const [notify, setNotify] = useState(true);
  const [progress, setProgress] = useState({ processed: current.processed, total: current.valid });

  // With JavaScript: one chunk per request, the next one sent when the last answers.
  useEffect(() => {
    if (!running || fetcher.state !== "idle") return;
    const answer = fetcher.data;
    if (answer && "kind" in answer) {
      setProgress({ processed: answer.processed, total: answer.total });
      if (answer.done) {
        setRunning(false);
        revalidator.revalidate();
        return;
      }
    } else if (answer) {
      setRunning(false);
      return;
    }
    fetcher.submit({ intent: "run", id: String(current.id), notify: notify ? "on" : "", chunk: "1" }, { method: "post" });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [running, fetcher.state, fetcher.data]);

  return (
    <>
      <h2>{format(m.previewTitle, { file: current.fileName })}</h2>
      <p>{format(m.summary, { valid: current.valid, total: current.total, refused: current.refusedCount })}</p>
      {current.refused.length > 0 ? (
        <section aria-labelledby="refused-title">
          <h3 id="refused-title">{m.refusedTitle}</h3>
          <div className="table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{m.line}</th>
                  <th scope="col">{t.registration.admin.columns.person}</th>
                  <th scope="col">{t.registration.admin.columns.email}</th>
                  <th scope="col">{m.reasons}</th>
                </tr>
              </thead>
              <tbody>
                {current.refused.map((r) => (
                  <tr key={r.line} className="refused">
                    <td>{r.line}</td>
                    <td>{r.name}</td>
                    <td>{r.email}</td>
                    <td>
                      <ul>
                        {r.reasons.map((reason, i) => (
                          <li key={i}>{describeImportReason(reason, t)}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {current.valid > 0 ? (
        <>
          <section aria-labelledby="valid-title">
            <h3 id="valid-title">{format(m.validTitle, { count: current.sample.length })}</h3>
            <div className="table-scroll">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{m.line}</th>
                    <th scope="col">{t.registration.admin.columns.person}</th>
                    <th scope="col">{t.registration.admin.columns.email}</th>
                    <th scope="col">DANE</th>
                    <th scope="col">{t.registration.admin.columns.entity}</th>
                    <th scope="col">{t.registration.admin.columns.position}</th>
                  </tr>
                </thead>
                <tbody>
                  {current.sample.map((r) => (
                    <tr key={r.line}>
                      <td>{r.line}</td>
                      <td>{r.fullName}</td>
                      <td>{r.email}</td>
                      <td>{r.cityDane}</td>
                      <td>{r.entity}</td>
                      <td>{r.position}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <Form
            method="post"
            className="stack"
            onSubmit={(event) => {
              // With JavaScript, run chunk by chunk and show the progress instead.
              event.preventDefault();
              setRunning(true);
            }}
          >
            <input type="hidden" name="intent" value="run" />
            <input type="hidden" name="id" value={current.id} />
            <div className="checkbox">
              <input type="checkbox" id="import-notify" name="notify" value="on" checked={notify} onChange={(e) => setNotify(e.target.checked)} />
              <label htmlFor="import-notify">{m.notify}</label>
            </div>
            <div>
              <button type="submit" className="button" disabled={running}>
                {plural(locale, m.run, current.valid - current.processed)}
              </button>
            </div>
          </Form>
          {running || progress.processed > 0 ? (
            <div className="import-progress" role="status" aria-live="polite">
              <label htmlFor="import-progress">{format(m.running, { done: progress.processed, total: progress.total })}</label>
              <progress id="import-progress" max={progress.total} value={progress.processed} aria-label={m.progressLabel} />
            </div>
          ) : null}
        </>
      ) : (
        <p>{m.noRows}</p>
      )}
    </>
  );
}

function Finished({ results, back }: { results: ImportResults; back: string }) {
  const t = useT();
  const m = t.registration.import;
  return (
    <section className="stack" aria-labelledby="done-title">
      <h2 id="done-title">{m.doneTitle}</h2>
      <p className="alert alert--ok" role="status">
        {format(m.results, { confirmed: results.confirmed, waitlisted: results.waitlisted, existing: results.existing, failed: results.failed })}
      </p>
      {results.failures.length > 0 ? (
        <ul>
          {results.failures.map((f) => (
            <li key={f.line}>
              {m.line} {f.line} ({f.email}):{" "}
              {f.reason
                .split(", ")
                .map((key) => (key in t.registration.errors ? t.registration.errors[key as keyof typeof t.registration.errors] : key))
                .join(" ")}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <Link to={back}>{t.registration.admin.back}</Link> · <Link to="?">{m.again}</Link>
      </p>
    </section>
  );
}
