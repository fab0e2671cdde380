import { z } from "zod";
import { organizerRoles } from "~db/schema";
import { emailField, firstErrorPerField, hasHiddenCharacters, lineBreakOrControl, readFormFields, repeatedIsInvalid, requiredText } from "~/lib/forms";

// The organizer-accounts page's forms (/admin/organizadores) and one's own account's
// (/admin/cuenta), for the routes and their pages alike.

export const organizerNameMax = 120;

/** The page's own error keys, beside the shared ones: each is turned into words by t.organizers.errors. */
export const organizerErrorKeys = ["required", "email", "tooLong", "invalid", "hiddenCharacters", "role", "emailTaken", "passwordShort", "passwordSame", "passwordMismatch", "passwordWrong"] as const;
export type OrganizerErrorKey = (typeof organizerErrorKeys)[number];
export type OrganizerFieldErrors = Partial<Record<string, OrganizerErrorKey>>;

const role = z.enum(organizerRoles, { errorMap: (issue) => ({ message: issue.code === "invalid_type" ? "required" : "role" }) });

// An account id as the page posts it: digits only, so "1 or 1=1" or "-1" never reach a query.
const accountId = z
  .string({ required_error: "invalid", invalid_type_error: "invalid" })
  .regex(/^[1-9]\d{0,9}$/, "invalid")
  .transform(Number);

const organizerName = requiredText(organizerNameMax)
  .refine((v) => !lineBreakOrControl.test(v), "invalid")
  .refine((v) => !hasHiddenCharacters(v), "hiddenCharacters");
export const newOrganizerSchema = z.object({ name: organizerName, email: emailField(), role });
export const accountSchema = z.object({ id: accountId });
export const roleChangeSchema = z.object({ id: accountId, role });

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

/** Parses a form; a repeated field counts as invalid, a lone file as absent, never a crash. */
export function parseOrganizerForm<S extends z.ZodTypeAny>(
  schema: S,
  formData: FormData,
): { ok: true; data: z.output<S> } | { ok: false; errors: OrganizerFieldErrors; values: Record<string, string> } {
  const { raw, values } = readFormFields(formData, repeatedIsInvalid, 500);
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors = firstErrorPerField<OrganizerErrorKey>(result.error.issues, (m) => (organizerErrorKeys as readonly string[]).includes(m));
  return { ok: false, errors, values };
}
