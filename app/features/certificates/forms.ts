import { z } from "zod";
import { checkbox, hasHiddenCharacters, id, orBlank, singleLine } from "~/lib/input-rules";

// The certificate editor's forms (docs/decisions/007): errors are keys of t.certificates.errors.
// Each form posts a hidden `intent`; the logo and signatory forms are multipart (their image
// streams through the upload path, capped at 2 MB).

export const certificateLimits = { textMax: 600, nameMax: 120, titleMax: 160, institutionMax: 160 } as const;

// eslint-disable-next-line no-control-regex -- the control characters are what it refuses
const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** A paragraph the certificate prints: optional, line breaks read as spaces. */
const certificateText = orBlank(
  z
    .string({ invalid_type_error: "invalid" })
    .trim()
    .max(certificateLimits.textMax, "tooLong")
    .refine((v) => !controlCharacter.test(v), "invalid")
    .refine((v) => !hasHiddenCharacters(v), "hiddenCharacters"),
).transform((v) => (v ?? "").replace(/\s+/g, " "));

export const certificateTextSchema = z.object({
  intent: z.literal("text"),
  textEs: certificateText,
  textEn: certificateText,
  showHours: checkbox(),
});

export const logoSchema = z.object({
  intent: z.literal("addLogo"),
  institution: singleLine(certificateLimits.institutionMax),
});

export const signatorySchema = z.object({
  intent: z.literal("saveSignatory"),
  id: orBlank(id()).transform((v) => v ?? null),
  name: singleLine(certificateLimits.nameMax),
  title: orBlank(singleLine(certificateLimits.titleMax)).transform((v) => v ?? ""),
  removeSignature: checkbox(),
});

export const removeSchema = z.object({
  intent: z.enum(["removeLogo", "removeSignatory"]),
  id: id(),
});
