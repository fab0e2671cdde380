import { z } from "zod";
import type { Messages } from "~/i18n";

// Schemas are shared by client and server. Error messages are message keys (errors.required),
// translated when shown, so the same schema speaks Spanish and English.
export type ErrorKey = keyof Messages["errors"];

export const requiredText = (max = 200) =>
  z
    .string({ required_error: "required", invalid_type_error: "invalid" })
    .trim()
    .min(1, "required")
    .max(max, "tooLong");

export const optionalText = (max = 500) =>
  z
    .string({ invalid_type_error: "invalid" })
    .trim()
    .max(max, "tooLong")
    .optional()
    .transform((v) => (v ? v : undefined));

export const emailField = () =>
  z
    .string({ required_error: "required", invalid_type_error: "invalid" })
    .trim()
    .min(1, "required")
    .max(254, "tooLong")
    .email("email")
    .transform((v) => v.toLowerCase());

export type FieldErrors = Record<string, ErrorKey>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Parses a form: repeated or file values for a text field count as invalid, never a crash. */
export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData): FormResult<z.output<S>> {
  const raw: Record<string, unknown> = {};
  const values: Record<string, string> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    const value = all.length === 1 ? all[0] : all;
    raw[key] = typeof value === "string" ? value : undefined;
    if (typeof value === "string") values[key] = value.slice(0, 2000);
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "_form");
    if (!errors[field]) errors[field] = (isErrorKey(issue.message) ? issue.message : "invalid") as ErrorKey;
  }
  return { ok: false, errors, values };
}

const errorKeys = new Set(["required", "email", "tooLong", "invalid"]);
function isErrorKey(message: string): boolean {
  return errorKeys.has(message);
}
