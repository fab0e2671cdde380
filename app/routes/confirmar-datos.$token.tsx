import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useT } from "~/i18n/index";
import { applyProfileChange } from "~/features/registrations/commands/profile-changes.server";
import { openProfileChange } from "~/features/registrations/queries.server";
import type { ProfileChanges, ProfileField } from "~/features/registrations/rules";
import { getDb } from "~/server/db.server";
import { clientAddress } from "~/server/http.server";
import { limitFailedLookups, signedLinkRule } from "~/server/rate-limit.server";

// /confirmar-datos/:token: the single-use link mailed when the public form brought a known
// email with other data. GET only shows the differences (mail scanners open links); the POST
// applies them, once. A forged, used or expired link changes nothing and says so.

export const meta: MetaFunction = () => [{ title: "Convoca" }, { name: "robots", content: "noindex" }];

// The token is in the address: out of caches and of Referer headers to other sites.
const privateHeaders = { "Cache-Control": "no-store", "Referrer-Policy": "same-origin" };
export const headers: HeadersFunction = () => privateHeaders;

const statusOf = { invalid: 404, used: 410, expired: 410 } as const;
const fieldOrder: ProfileField[] = ["fullName", "entity", "position", "phone", "city"];

function rows(changes: ProfileChanges) {
  return fieldOrder.flatMap((field) => {
    const c = changes[field];
    return c ? [{ field, from: c.from, to: c.to }] : [];
  });
}

function lookUp<T extends { kind: string }>(context: unknown, run: () => Promise<T>): Promise<T> {
  return limitFailedLookups(getDb(), [`profile-change:client:${clientAddress(context)}`], signedLinkRule, run, (r) => r.kind === "invalid");
}

export async function loader({ params, context }: LoaderFunctionArgs) {
  const opened = await lookUp(context, () => openProfileChange(getDb(), params.token));
  if (opened.kind !== "open") return data({ kind: opened.kind, rows: [] }, { status: statusOf[opened.kind], headers: privateHeaders });
  return data({ kind: "open" as const, rows: rows(opened.changes) }, { headers: privateHeaders });
}

export async function action({ params, context }: ActionFunctionArgs) {
  const applied = await lookUp(context, () => applyProfileChange(getDb(), params.token));
  if (applied.kind !== "applied") return data(applied, { status: statusOf[applied.kind], headers: privateHeaders });
  return data(applied, { headers: privateHeaders });
}

export default function ConfirmProfileChanges() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const c = t.registrationHome.changes;
  const busy = useNavigation().state === "submitting";
  const state = result?.kind ?? loaded.kind;

  if (state === "applied" && result?.kind === "applied") {
    return (
      <section className="stack">
        <h1>{c.title}</h1>
        <p className="alert alert--ok" role="status">
          {c.applied}
        </p>
        {result.cityKept ? <p className="alert alert--warn">{result.cityKept === "cityFull" ? c.cityKeptFull : c.cityKeptOther}</p> : null}
        <p>
          <Link to="/">{c.back}</Link>
        </p>
      </section>
    );
  }
  if (state !== "open") {
    const [title, body] = state === "used" ? [c.usedTitle, c.used] : state === "expired" ? [c.expiredTitle, c.expired] : [c.invalidTitle, c.invalid];
    return (
      <section className="stack">
        <h1>{title}</h1>
        <p className="alert alert--warn" role="alert">
          {body}
        </p>
        <p>
          <Link className="button" to="/">
            {c.back}
          </Link>
        </p>
      </section>
    );
  }
  return (
    <section className="stack">
      <h1>{c.title}</h1>
      <p>{c.intro}</p>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{c.from}</th>
              <th scope="col">{c.to}</th>
            </tr>
          </thead>
          <tbody>
            {loaded.rows.map((row) => (
              <tr key={row.field}>
                <th scope="row">{c.fields[row.field]}</th>
                <td>{row.from || c.empty}</td>
                <td>{row.to || c.empty}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Form method="post">
        <button type="submit" className="button" disabled={busy}>
          {c.confirm}
        </button>
      </Form>
      <p className="muted">{c.ignore}</p>
    </section>
  );
}
