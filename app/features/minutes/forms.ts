import { z } from "zod";
import { hasHiddenCharacters } from "~/lib/input-rules";

// The minutes form (docs/decisions/007): the general record and, per agenda item, its own
// (fields `session-<id>`), Markdown each. Errors are keys of t.minutes.errors.

export const minutesLimits = { bodyMax: 20_000 } as const;

// eslint-disable-next-line no-control-regex -- the control characters are what it refuses
const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** One part of the minutes: Markdown, line breaks kept, may be blank. */
export const minutesText = z
  .string({ invalid_type_error: "invalid" })
  .optional()
  .transform((v) => (v ?? "").replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .max(minutesLimits.bodyMax, "tooLong")
      .refine((v) => !controlCharacter.test(v), "invalid")
      .refine((v) => !hasHiddenCharacters(v), "hiddenCharacters"),
  );

export const minutesIntents = ["save", "publish", "hide"] as const;

/** The save form: the general text and the sessions' (the action reads `session-<id>` for the encounter's items). */
export const minutesSchema = z.object({ intent: z.literal("save"), body: minutesText }).catchall(minutesText);

export const publishSchema = z.object({ intent: z.enum(["publish", "hide"]) });
