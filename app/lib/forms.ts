import { z } from "zod";
import type { Messages } from "~/i18n/index";

// Schemas are shared by client and server. Error messages are message keys (errors.required),
// translated when shown, so the same schema speaks Spanish and English.
export type ErrorKey = keyof Messages["errors"];

/**
 * Characters that make a text read otherwise than it is: bidirectional controls (an override
 * shows "gpj.exe" as "exe.jpg", a name can be made to read backwards) and zero-width characters
 * (two names that look the same but are not). Refused in names, entities, positions and titles,
 * and in file names; they usually come in by copy and paste, so the message says what to remove.
 */
// eslint-disable-next-line no-control-regex
export const lineBreakOrControl = /[\u0000-\u001f\u007f\u2028\u2029]/;

export const hiddenCharacters = /[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;
export const hasHiddenCharacters = (text: string): boolean => hiddenCharacters.test(text);

export const requiredText = (max = 200) =>
  z.string({ required_error: "required", invalid_type_error: "invalid" }).trim().min(1, "required").max(max, "tooLong");

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

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * Reads a form for a schema: each field's single text value, and `values` (cut to `keep`
 * characters) to show back in the form when it is refused. A repeated field, or a file where
 * text belongs, becomes whatever `misfit` says: each form area decides whether that reads as
 * absent or as a value its schemas refuse, and none of them crashes on it.
 */
export function readFormFields(
  formData: FormData,
  misfit: (all: FormDataEntryValue[]) => unknown,
  keep = 2000,
): { raw: Record<string, unknown>; values: Record<string, string> } {
  const raw: Record<string, unknown> = {};
  const values: Record<string, string> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    const value = all.length === 1 ? all[0] : undefined;
    raw[key] = typeof value === "string" ? value : misfit(all);
    if (typeof value === "string") values[key] = value.slice(0, keep);
  }
  return { raw, values };
}

/**
 * The misfit for forms where a repeated field must be refused, not ignored: a number, which no
 * text schema accepts. A lone file (a form's evidence or upload field) still reads as absent.
 */
export const repeatedIsInvalid = (all: FormDataEntryValue[]): unknown => (all.length > 1 ? 42 : undefined);

/** The first error of each field, as a message key the area knows, else "invalid". */
export function firstErrorPerField<K extends string>(issues: readonly z.ZodIssue[], known: (message: string) => boolean): Record<string, K | "invalid"> {
  const errors: Record<string, K | "invalid"> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "_form");
    errors[field] ??= known(issue.message) ? (issue.message as K) : "invalid";
  }
  return errors;
}

/** Parses a form; a repeated field or a file where text belongs reads as absent. */
export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData): FormResult<z.output<S>> {
  const { raw, values } = readFormFields(formData, () => undefined);
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: firstErrorPerField<ErrorKey>(result.error.issues, isErrorKey), values };
}

const errorKeys = new Set(["required", "email", "tooLong", "invalid", "hiddenCharacters"]);
function isErrorKey(message: string): boolean {
  return errorKeys.has(message);
}
