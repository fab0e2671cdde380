import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { readForm } from "~/server/http.server";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import type { z } from "zod";
import { Field, FormAlert, SelectField } from "~/components/forms";
import { format, useLocale, useT } from "~/i18n/index";
import { createOrganizerAccount, setOrganizerDisabled, setOrganizerRole, type AccountRefusal } from "~/features/organizers/commands.server";
import { listOrganizerAccounts, recentSignInAlerts } from "~/features/organizers/queries.server";
import { SignInAlerts } from "~/features/organizers/components/sign-in-alerts";
import { requireAdmin } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { accountSchema, newOrganizerSchema, organizerNameMax, roleChangeSchema } from "~/features/organizers/forms";
import { parseFields, refuse, refuseField } from "~/server/forms.server";
import { defaultTimezone, formatDate } from "~/lib/time";
import { organizerRoles, type OrganizerRole } from "~db/schema";

// Admins manage their colleagues' accounts here; organizers without the admin role get a 403,
// for the page and for every action alike.

export const meta: MetaFunction = () => [{ title: "Cuentas de organizadores · Convoca" }];

type Done = "disabled" | "enabled" | "roleChanged" | "unchanged";
/** What the table's buttons (role, disable, enable) answer; the create form answers with conform's reply. */
interface AccountResult {
  form: "account";
  refusal?: AccountRefusal | "invalid";
  done?: Done;
  name?: string;
  role?: OrganizerRole;
}
interface Created {
  form: "create";
  created: { name: string; email: string; role: OrganizerRole; password: string };
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
    const submission = parseFields(formData, newOrganizerSchema);
    if (submission.status !== "success") return refuse(submission);
    const result = await createOrganizerAccount(db, submission.value, admin.id);
    if (!result.ok) return refuseField(submission, "email", "emailTaken");
    // The only time the password exists outside its hash: no cache may keep this page.
    return data<Created>({ form: "create", created: { ...submission.value, password: result.password } }, { headers: { "Cache-Control": "no-store" } });
  }

  if (intent === "role") {
    const submission = parseFields(formData, roleChangeSchema);
    if (submission.status !== "success") return data<AccountResult>({ form: "account", refusal: "invalid" }, { status: 400 });
    const result = await setOrganizerRole(db, { ...submission.value, actorId: admin.id });
    if (!result.ok) return data<AccountResult>({ form: "account", refusal: result.refusal }, { status: refusalStatus[result.refusal] });
    return data<AccountResult>({ form: "account", done: result.changed ? "roleChanged" : "unchanged", name: result.name, role: submission.value.role });
  }

  if (intent === "disable" || intent === "enable") {
    const submission = parseFields(formData, accountSchema);
    if (submission.status !== "success") return data<AccountResult>({ form: "account", refusal: "invalid" }, { status: 400 });
    const result = await setOrganizerDisabled(db, { id: submission.value.id, disabled: intent === "disable", actorId: admin.id });
    if (!result.ok) return data<AccountResult>({ form: "account", refusal: result.refusal }, { status: refusalStatus[result.refusal] });
    return data<AccountResult>({ form: "account", done: !result.changed ? "unchanged" : intent === "disable" ? "disabled" : "enabled", name: result.name });
  }

  return data<AccountResult>({ form: "account", refusal: "invalid" }, { status: 400 });
}

export default function OrganizerAccounts() {
  const { accounts, me, signInAlerts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT().organizers;
  const locale = useLocale();
  const roleOptions = organizerRoles.map((r) => ({ value: r, label: t.roles[r] }));
  const account = result && "form" in result && result.form === "account" ? result : undefined;
  const created = result && "form" in result && result.form === "create" ? result.created : undefined;
  const [form, fields] = useForm<z.input<typeof newOrganizerSchema>>({
    id: "create",
    lastResult: result && !("form" in result) ? result : undefined,
    defaultValue: { role: "organizer" },
  });
  return (
    <section>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>

      {account?.refusal ? <FormAlert>{t.refusals[account.refusal]}</FormAlert> : null}
      {account?.done ? (
        <p className="alert alert--ok" role="status">
          {format(t[account.done], { name: account.name ?? "", role: account.role ? t.roles[account.role] : "" })}
        </p>
      ) : null}
      {created ? (
        <div className="alert alert--ok" role="status">
          <p>{format(t.created, { name: created.name, email: created.email, role: t.roles[created.role] })}</p>
          <p>
            <strong>{t.passwordLabel}:</strong> <code>{created.password}</code>
          </p>
          <p>{format(t.passwordNote, { name: created.name })}</p>
          <p>{format(t.changePasswordNote, { name: created.name, url: "/admin/cuenta" })}</p>
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
                  <td>
                    {a.disabled_at ? (
                      <span className="badge badge--muted">{t.statuses.disabled}</span>
                    ) : (
                      <span className="badge badge--ok">{t.statuses.active}</span>
                    )}
                  </td>
                  <td>
                    {self ? null : (
                      <Form method="post">
                        <input type="hidden" name="intent" value={a.disabled_at ? "enable" : "disable"} />
                        <input type="hidden" name="id" value={a.id} />
                        <button
                          type="submit"
                          className={a.disabled_at ? "button button--secondary" : "button button--danger"}
                          aria-label={`${a.disabled_at ? t.enable : t.disable}: ${a.name}`}
                        >
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
      <Form method="post" className="stack" {...getFormProps(form)} key={created ? `created-${created.email}` : "create"}>
        <input type="hidden" name="intent" value="create" />
        <Field meta={fields.name} id="organizer-name" label={t.name} required maxLength={organizerNameMax} autoComplete="off" messages={t.errors} />
        <Field meta={fields.email} id="organizer-email" type="email" label={t.email} required maxLength={254} autoComplete="off" messages={t.errors} />
        <SelectField meta={fields.role} id="organizer-role" label={t.role} required hint={t.roleHint} options={roleOptions} messages={t.errors} />
        <div>
          <button type="submit" className="button">
            {t.create}
          </button>
        </div>
      </Form>
    </section>
  );
}
