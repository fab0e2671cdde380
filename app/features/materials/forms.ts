import { z } from "zod";
import { materialVisibilities } from "~db/schema";
import { optionalText } from "~/lib/input-rules";
import { checkbox, choice, id, orBlank, singleLine } from "~/lib/input-rules";

// The organizer's material forms (shared by the upload pages and the material page), read with
// conform (app/server/forms.server.ts). Errors are keys of t.materials.errors / t.errors.

export const materialLanguages = ["es", "en", "pt", "fr"] as const;

export const materialFieldsSchema = z.object({
  // One line, as every title: it goes into mail subjects and download names. A line break was
  // "invalid" before the kit, and the tests still expect that key.
  title: singleLine(200, { lineBreak: "invalid" }),
  description: optionalText(2000).transform((v) => v ?? ""),
  language: choice(materialLanguages),
  visibility: choice(materialVisibilities),
});

export const materialUploadSchema = materialFieldsSchema.extend({
  // Blank: a general material; otherwise an encounter id (checked against the database).
  encounterId: orBlank(id()),
  notify: checkbox(),
});

export const newVersionSchema = z.object({ notify: checkbox() });

/** The material page's forms other than the new version (multipart), by their intent. */
export const materialUpdateSchema = materialFieldsSchema.extend({ intent: z.literal("update") });
