import { z } from "zod";
import { email, redirectTarget } from "~/lib/input-rules";

// The forms of the people who register (not organizers) and of one person's data
// (/admin/personas, Ley 1581), built from the shared input rules and read with conform
// (docs/decisions/007). Errors are keys: the shared t.errors, and the page's own
// (confirmMismatch, notFound).

/** Asking for a sign-in link by mail (POST /ingresar/enlace): the address, and where to go next. */
export const linkSignInSchema = z.object({ email: email(), redirectTo: redirectTarget() });

/** The address a person is found and copied by (?email= of the search and of the copy). */
export const personEmail = email();

/** Deleting a person's data: their address, typed again to confirm; two different addresses are the form's refusal. */
export const deletePersonSchema = z.object({ email: email(), confirm: email() }).superRefine((form, ctx) => {
  if (form.confirm !== form.email) ctx.addIssue({ code: "custom", path: [], message: "confirmMismatch" });
});
