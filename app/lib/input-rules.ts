import { z } from "zod";
import { isCalendarDate } from "~/lib/calendar-date";

// Each input rule of the app, once, as zod building blocks for the areas' schemas
// (app/features/<area>/forms.ts). Pure: the same schema runs in the action and, when wanted,
// in the browser.
//
// Error messages are KEYS, never text ("required", "email", "tooLong"...): each area's catalog
// has an `errors` section that turns a key into Spanish or English, and the field kit
// (app/components/forms.tsx) resolves it in the reader's language, falling back to the shared
// t.errors. So one schema serves both languages, and the tests can assert keys.
//
// Read through conform (parseWithZod): an empty field arrives as undefined, a repeated field as
// an array. So `required_error` covers a blank field, and a text rule given an array answers
// "invalid" (a field sent twice is refused, never half-read).

/** The keys these rules emit; the shared t.errors has them all, an area's `errors` may word them its own way. */
export const ruleErrorKeys = ["required", "invalid", "tooLong", "email", "hiddenCharacters", "singleLine", "date"] as const;
export type RuleErrorKey = (typeof ruleErrorKeys)[number];

/**
 * Characters that make a text read otherwise than it is: bidirectional controls (an override
 * shows "gpj.exe" as "exe.jpg", a name can be made to read backwards) and zero-width characters
 * (two names that look the same but are not). Refused in names, entities, positions and titles,
 * and in file names; they usually come in by copy and paste, so the message says what to remove.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const lineBreakOrControl = /[\u0000-\u001f\u007f\u2028\u2029]/;

export const hiddenCharacters = /[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;
export const hasHiddenCharacters = (text: string): boolean => hiddenCharacters.test(text);

const text = () => z.string({ required_error: "required", invalid_type_error: "invalid" });

/** The largest id a row can have: PostgreSQL's integer (SQLite's is wider; the smaller bound holds for both). */
export const maxRowId = 2_147_483_647;

/** A row id as text: digits only, no leading zero, 1 to maxRowId (a larger one would be a 500 on PostgreSQL). */
export const isRowId = (value: string): boolean => /^[1-9]\d{0,9}$/.test(value) && Number(value) <= maxRowId;

/** A text of several lines (a description, a password): trimmed, not blank, at most `max`. */
export const requiredText = (max = 200) => text().trim().min(1, "required").max(max, "tooLong");

/** The same, optional: blank reads as undefined. */
export const optionalText = (max = 500) =>
  z
    .string({ invalid_type_error: "invalid" })
    .trim()
    .max(max, "tooLong")
    .optional()
    .transform((v) => (v ? v : undefined));

/** A check and the key it answers when it fails. */
type Check = readonly [passes: (value: string) => boolean, key: string];

/**
 * Runs checks in order and reports only the first that fails: a field shows one error, the
 * most basic one ("required" before "tooLong" before "email"), as the forms always did.
 */
const firstFailure =
  (...checks: Check[]) =>
  (value: string, ctx: z.RefinementCtx) => {
    const failed = checks.find(([passes]) => !passes(value));
    if (failed) ctx.addIssue({ code: "custom", message: failed[1] });
  };

const notBlank: Check = [(v) => v.length > 0, "required"];
const atMost = (max: number): Check => [(v) => v.length <= max, "tooLong"];
const zodEmail = z.string().email();

/** The longest address the outbox sends to (RFC 5321's path limit). */
export const emailMax = 254;

// The outbox takes bare ASCII addresses only (outbox.server isValidRecipient): refuse here what
// it would refuse later, with the field's message instead of a failed send.
const bareAsciiAddress = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;

/**
 * The one email rule: trimmed, at most 254 characters, a bare ASCII address zod also accepts,
 * stored lowercased. The strictest of the checks the forms made before (the registration
 * form's), so an address any form accepts is one the outbox can send to.
 */
export const email = () =>
  text()
    .trim()
    .superRefine(firstFailure(notBlank, atMost(emailMax), [(v) => zodEmail.safeParse(v).success && bareAsciiAddress.test(v), "email"]))
    .transform((v) => v.toLowerCase());

/** The email rule for an address that may be left blank: blank reads as null. */
export const optionalEmail = () => orBlank(email());

/**
 * A rule for a field that may be left blank: blank (or only spaces) reads as null, anything
 * else must pass `rule`, with the rule's own error keys.
 */
export const orBlank = <T extends z.ZodTypeAny>(rule: T) =>
  z
    .string({ invalid_type_error: "invalid" })
    .optional()
    .transform((v, ctx): z.output<T> | null => {
      if (v === undefined || v.trim() === "") return null;
      const checked = rule.safeParse(v);
      if (checked.success) return checked.data;
      for (const issue of checked.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
      return z.NEVER;
    });

interface LineOptions {
  /**
   * The key a line break or control character answers. "singleLine" says what to fix; the
   * organizer forms said "invalid" before this kit and their tests expect it still.
   */
  lineBreak?: "singleLine" | "invalid";
}

/**
 * The one single-line text rule (names, entities, positions, titles): trimmed, not blank, at
 * most `max` characters, no line break or control character (names end up in mail subjects
 * and headers, where a line break is an injection), and no hidden bidirectional or zero-width
 * character (a text must read as it is).
 */
export const singleLine = (max: number, options: LineOptions = {}) =>
  text()
    .trim()
    .superRefine(
      firstFailure(
        notBlank,
        atMost(max),
        [(v) => !lineBreakOrControl.test(v), options.lineBreak ?? "singleLine"],
        [(v) => !hasHiddenCharacters(v), "hiddenCharacters"],
      ),
    );

/** singleLine for a field that may be left blank: blank reads as null. */
export const optionalSingleLine = (max: number, options: LineOptions = {}) => orBlank(singleLine(max, options));

/**
 * The one rule for a repeated field (several checkboxes or inputs with one name): always an
 * array, empty when none was sent, each item checked by `item`, at most `max` items (a form
 * posting a thousand copies is refused as "invalid", not stored).
 */
export const repeated = <T extends z.ZodTypeAny>(item: T, { min = 0, max }: { min?: number; max: number }) =>
  z.array(item, { invalid_type_error: "invalid" }).min(min, "required").max(max, "invalid");

/**
 * A whole number typed in a form: digits only (no sign, exponent or decimals, which Number()
 * would take), between `min` and `max`.
 */
export const wholeNumber = ({ min = 0, max }: { min?: number; max: number }) =>
  text()
    .trim()
    .superRefine(firstFailure(notBlank, [(v) => /^\d{1,15}$/.test(v) && Number(v) >= min && Number(v) <= max, "invalid"]))
    .transform(Number);

/** A row id as a page posts it or a URL carries it: 1 and up, digits only, so "1 or 1=1" never reaches a query. */
export const id = () => text().refine(isRowId, "invalid").transform(Number);

/** A calendar day as <input type="date"> sends it (YYYY-MM-DD), a real one. */
export const calendarDate = () =>
  text()
    .trim()
    .superRefine(firstFailure(notBlank, [isCalendarDate, "date"]));

/** One of a fixed list (a select or a radio group); blank is "required", anything else "invalid". */
export const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { errorMap: (issue) => ({ message: issue.code === "invalid_type" ? "required" : "invalid" }) });

/** A checkbox: checked ("on") or not sent. */
export const checkbox = () =>
  z
    .literal("on", { errorMap: () => ({ message: "invalid" }) })
    .optional()
    .transform((v) => v === "on");

/**
 * Where a form sends the person next (the sign-in forms' hidden redirectTo): any text up to
 * 500 characters, or none. Whether it is followed is safeRedirectPath's call, not the form's.
 */
export const redirectTarget = () => z.string({ invalid_type_error: "invalid" }).max(500, "invalid").optional();
