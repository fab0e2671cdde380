import { z } from "zod";
import { email } from "~/lib/input-rules";

// The forms of one person's data (/admin/personas, Ley 1581), read with conform
// (docs/decisions/007). Errors are keys: the shared t.errors, and the page's own
// (confirmMismatch, notFound).

/** The address a person is found and copied by (?email= of the search and of the copy). */
export const personEmail = email();

/** Deleting a person's data: their address, typed again to confirm; two different addresses are the form's refusal. */
export const deletePersonSchema = z.object({ email: email(), confirm: email() }).superRefine((form, ctx) => {
  if (form.confirm !== form.email) ctx.addIssue({ code: "custom", path: [], message: "confirmMismatch" });
});
