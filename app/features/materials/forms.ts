import { z } from "zod";
import { materialVisibilities } from "~db/schema";
import { hasHiddenCharacters, lineBreakOrControl, optionalText, requiredText } from "~/lib/forms";

// The organizer's material forms (shared by the upload pages and the material page).

export const materialLanguages = ["es", "en", "pt", "fr"] as const;

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { errorMap: (issue) => ({ message: issue.code === "invalid_type" ? "required" : "invalid" }) });

export const materialFieldsSchema = z.object({
  // One line, as every title: it goes into mail subjects and download names.
  title: requiredText(200)
    .refine((v) => !lineBreakOrControl.test(v), "invalid")
    .refine((v) => !hasHiddenCharacters(v), "hiddenCharacters"),
  description: optionalText(2000).transform((v) => v ?? ""),
  language: choice(materialLanguages),
  visibility: choice(materialVisibilities),
});

export const materialUploadSchema = materialFieldsSchema.extend({
  // "" or absent: a general material; otherwise an encounter id (checked against the database).
  encounterId: z
    .string()
    .regex(/^\d{0,9}$/, "invalid")
    .optional()
    .transform((v) => (v ? Number(v) : null)),
  notify: z.literal("on", { errorMap: () => ({ message: "invalid" }) }).optional(),
});

export const newVersionSchema = z.object({
  notify: z.literal("on", { errorMap: () => ({ message: "invalid" }) }).optional(),
});
