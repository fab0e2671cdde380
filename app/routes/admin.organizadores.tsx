import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { readForm } from "~/server/http.server";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert, FramedInput, FramedSelect } from "~/components/field";
import { format, useLocale, useT } from "~/i18n";
import { createOrganizerAccount, setOrganizerDisabled, setOrganizerRole, type AccountRefusal } from "~/features/organizers/commands.server";
import { listOrganizerAccounts, recentSignInAlerts } from "~/features/organizers/queries.server";
import { SignInAlerts } from "~/features/organizers/components/sign-in-alerts";
import { requireAdmin } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { accountSchema, newOrganizerSchema, organizerNameMax, parseOrganizerForm, roleChangeSchema, type OrganizerErrorKey, type OrganizerFieldErrors } from "~/features/organizers/forms";
import { defaultTimezone, formatDate } from "~/lib/time";
import { organizerRoles, type OrganizerRole } from "~db/schema";

// Admins manage their colleagues' accounts here; organizers without the admin role get a 403,
// for the page and for every action alike.

export const meta: MetaFunction = () => [{ title: "Cuentas de organizadores · Convoca" }];

type Done = "disabled" | "enabled" | "roleChanged" | "unchanged";
interface ActionResult {
  form: "create" | "account";
  errors?: OrganizerFieldErrors;
  values?: Record<string, string>;
  created?: { name: string; email: string; role: OrganizerRole; password: string };
  refusal?: AccountRefusal | "invalid";
  done?: Done;
  name?: string;
  role?: OrganizerRole;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const db = getDb();
  return { accounts: await listOrganizerAccounts(db), me: admin.id, signInAlerts: await recentSignInAlerts(db) };
}

const refusalStatus: Record<AccountRefusal, number> = { notFound: 404, self: 409, lastAdmin: 409 };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const db = getDb();
  const formData = await readForm(request);
  const intent = formData.get("intent");

  if (intent === "create") {
    const form = parseOrganizerForm(newOrganizerSchema, formData);
    if (!form.ok) return data<ActionResult>({ form: "create", errors: form.errors, values: form.values }, { status: 400 });
    const result = await createOrganizerAccount(db, form.data, admin.id);
    if (!result.ok) return data<ActionResult>({ form: "create", errors: { email: "emailTaken" }, values: form.data }, { status: 400 });
    // The only time the password exists outside its hash: no cache may keep this page.
    return data<ActionResult>({ form: "create", created: { ...form.data, password: result.password } }, { headers: { "Cache-Control": "no-store" } });
  }

  if (intent === "role") {
    const form = parseOrganizerForm(roleChangeSchema, formData);
    if (!form.ok) return data<ActionResult>({ form: "account", refusal: "invalid" }, { status: 400 });
    const result = await setOrganizerRole(db, { ...form.data, actorId: admin.id });
    if (!result.ok) return data<ActionResult>({ form: "account", refusal: result.refusal }, { status: refusalStatus[result.refusal] });
    return data<ActionResult>({ form: "account", done: result.changed ? "roleChanged" : "unchanged", name: result.name, role: form.data.role });
  }

  if (intent === "disable" || intent === "enable") {
    const form = parseOrganizerForm(accountSchema, formData);
    if (!form.ok) return data<ActionResult>({ form: "account", refusal: "invalid" }, { status: 400 });
    const result = await setOrganizerDisabled(db, { id: form.data.id, disabled: intent === "disable", actorId: admin.id });
    if (!result.ok) return data<ActionResult>({ form: "account", refusal: result.refusal }, { status: refusalStatus[result.refusal] });
    return data<ActionResult>({ form: "account", done: !result.changed ? "unchanged" : intent === "disable" ? "disabled" : "enabled", name: result.name });
  }

  return data<ActionResult>({ form: "account", refusal: "invalid" }, { status: 400 });
}

function TextField(props: { name: string; label: string; type?: string; error?: OrganizerErrorKey; defaultValue?: string; maxLength?: number; autoComplete?: string }) {
  const t = useT().organizers;
  const { error, type, ...input } = props;
  return <FramedInput {...input} id={`organizer-${props.name}`} type={type ?? "text"} required errorText={error ? t.errors[error] : undefined} />;
}

export default function OrganizerAccounts() {
  const { accounts, me, signInAlerts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT().organizers;
  const locale = useLocale();
  const roleOptions = organizerRoles.map((r) => ({ value: r, label: t.roles[r] }));
  const createErrors = result?.form === "create" ? result.errors : undefined;
  const createValues = result?.form === "create" ? result.values : undefined;
  return (
    <section>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>

      {result?.refusal ? <FormAlert>{t.refusals[result.refusal]}</FormAlert> : null}
      {result?.done ? (
        <p className="alert alert--ok" role="status">
          {format(t[result.done], { name: result.name ?? "", role: result.role ? t.roles[result.role] : "" })}
        </p>
      ) : null}
      {result?.created ? (
        <div className="alert alert--ok" role="status">
          <p>{format(t.created, { name: result.created.name, email: result.created.email, role: t.roles[result.created.role] })}</p>
          <p>
            <strong>{t.passwordLabel}:</strong> <code>{result.created.password}</code>
          </p>
          <p>{format(t.passwordNote, { name: result.created.name })}</p>
          <p>{format(t.changePasswordNote, { name: result.created.name, url: "/admin/cuenta" })}</p>
        </div>
      ) : null}

      <div className="table-scroll">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t.columns.name}</th>
              <th scope="col">{t.columns.email}</th>
              <th scope="col">{t.columns.role}</th>
              <th scope="col">{t.columns.created}</th>
              <th scope="col">{t.columns.status}</th>
              <th scope="col">{t.columns.actions}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => {
              const self = a.id === me;
              return (
                <tr key={a.id}>
                  <th scope="row">
                    {a.name} {self ? <span className="muted">{t.you}</span> : null}
                  </th>
                  <td>{a.email}</td>
                  <td>
                    {/* One's own role cannot be taken away here (the action refuses it too). */}
                    {self ? (
                      t.roles[a.role]
                    ) : (
                      <Form method="post" className="inline-fields">
                        <input type="hidden" name="intent" value="role" />
                        <input type="hidden" name="id" value={a.id} />
                        <label className="visually-hidden" htmlFor={`role-${a.id}`}>
                          {format(t.roleOf, { name: a.name })}
                        </label>
                        <select id={`role-${a.id}`} name="role" defaultValue={a.role}>
                          {roleOptions.map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="button button--secondary">
                          {t.changeRole}
                        </button>
                      </Form>
                    )}
                  </td>
                  <td>{formatDate(a.created_at, defaultTimezone, locale)}</td>
                  <td>{a.disabled_at ? <span className="badge badge--muted">{t.statuses.disabled}</span> : <span className="badge badge--ok">{t.statuses.active}</span>}</td>
                  <td>
                    {self ? null : (
                      <Form method="post">
                        <input type="hidden" name="intent" value={a.disabled_at ? "enable" : "disable"} />
                        <input type="hidden" name="id" value={a.id} />
                        <button type="submit" className={a.disabled_at ? "button button--secondary" : "button button--danger"} aria-label={`${a.disabled_at ? t.enable : t.disable}: ${a.name}`}>
                          {a.disabled_at ? t.enable : t.disable}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <SignInAlerts alerts={signInAlerts} />

      <h2>{t.createTitle}</h2>
      {/* A new key after each creation empties the form for the next colleague. */}
      <Form method="post" className="stack" noValidate key={result?.created ? `created-${result.created.email}` : "create"}>
        <input type="hidden" name="intent" value="create" />
        <TextField name="name" label={t.name} error={createErrors?.name} defaultValue={createValues?.name} maxLength={organizerNameMax} autoComplete="off" />
        <TextField name="email" label={t.email} type="email" error={createErrors?.email} defaultValue={createValues?.email} maxLength={254} autoComplete="off" />
        <FramedSelect
          name="role"
          id="organizer-role"
          label={t.role}
          required
          hint={t.roleHint}
          options={roleOptions}
          defaultValue={createValues?.role ?? "organizer"}
          errorText={createErrors?.role ? t.errors[createErrors.role] : undefined}
        />
        <div>
          <button type="submit" className="button">
            {t.create}
          </button>
        </div>
      </Form>
    </section>
  );
}
