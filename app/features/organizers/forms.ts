import { z } from "zod";
import { organizerRoles } from "~db/schema";
import { requiredText } from "~/lib/input-rules";
import { email, id, redirectTarget, singleLine } from "~/lib/input-rules";

// The organizer-accounts page's forms (/admin/organizadores) and one's own account's
// (/admin/cuenta), for the routes and their pages alike.

export const organizerNameMax = 120;

// A role as the select posts it: blank is "required", anything else not a role is "role".
const role = z.enum(organizerRoles, { errorMap: (issue) => ({ message: issue.code === "invalid_type" ? "required" : "role" }) });

export const newOrganizerSchema = z.object({ name: singleLine(organizerNameMax, { lineBreak: "invalid" }), email: email(), role });
export const accountSchema = z.object({ id: id() });
export const roleChangeSchema = z.object({ id: id(), role });

/** The fewest characters a chosen password may have (`npm run user:create` asks the same). */
export const passwordMin = 12;
/** The sign-in form takes no longer password, so a longer one could never be used. */
export const passwordMax = 200;

// Trimmed like the sign-in form trims what it is given: a password stored with its edge spaces
// could never be typed in again.
const password = () => requiredText(passwordMax);

/** Compared as the hash compares them (password.server normalizes to NFKC before hashing). */
const samePassword = (a: string, b: string) => a.normalize("NFKC") === b.normalize("NFKC");

export const passwordChangeSchema = z
  .object({ currentPassword: password(), newPassword: password().min(passwordMin, "passwordShort"), confirmPassword: password() })
  .superRefine((form, ctx) => {
    if (samePassword(form.newPassword, form.currentPassword)) ctx.addIssue({ code: "custom", path: ["newPassword"], message: "passwordSame" });
    if (form.confirmPassword !== form.newPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "passwordMismatch" });
  });

/** The organizers' sign-in (POST /ingresar): the account's email and password, and where to go next. */
export const signInSchema = z.object({ email: email(), password: password(), redirectTo: redirectTarget() });
