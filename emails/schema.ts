import { z } from "zod";

// Building blocks for the data each template accepts. The same schema type-checks callers
// (z.input) and re-checks the JSON read back from the outbox before rendering (z.parse), so a
// bad value is refused when the row is written, not discovered by the worker hours later.

const lineBreak = /[\r\n\u2028\u2029]/;
// Other control characters never belong in a name or a title either (NUL, escape, ...).
// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const headerInjectionMessage = "no puede contener saltos de línea ni caracteres de control";

/** One line of text: names and titles end up in the Subject header and must not break it. */
export const singleLine = (max = 300) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !lineBreak.test(v) && !controlCharacter.test(v), headerInjectionMessage);

/** Free text shown in the body only (a note, a description): line breaks are fine. */
export const paragraph = (max = 4000) => z.string().trim().max(max);

/** Only web links: a javascript: or data: URL in a button would be a trap for the reader. */
export const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .url()
  .refine((v) => /^https?:\/\//i.test(v), "debe ser un enlace http(s)");

const isoInstant = z.string().datetime({ offset: true });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "debe ser una fecha AAAA-MM-DD");

const knownZones = new Set<string>();
const ianaZone = z.string().refine((zone) => {
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    knownZones.add(zone);
    return true;
  } catch {
    return false;
  }
}, "zona horaria desconocida");

/** What the shared layout shows: the encounter's name, and where to read more about it. */
export const encounterRef = z.object({ title: singleLine(), url: httpUrl.optional() });

/** An encounter with its time and place, for messages about attending it. */
export const encounterSchedule = encounterRef.extend({
  startsAt: isoInstant,
  endsAt: isoInstant,
  timezone: ianaZone,
  venue: singleLine(),
  address: singleLine().optional(),
});

export const commitmentInstrument = z.enum(["PDT", "PISCC", "other"]);
export const commitmentStatus = z.enum(["proposed", "in_progress", "done", "at_risk", "dropped"]);

export const commitmentRef = z.object({
  title: singleLine(),
  cityName: singleLine(),
  instrument: commitmentInstrument,
  dueDate: isoDate,
  description: paragraph().optional(),
});

export const commitmentProgress = commitmentRef.extend({
  status: commitmentStatus,
  progress: z.number().int().min(0).max(100),
});

// RFC 2045 type/subtype with optional parameters, e.g. "text/calendar; charset=utf-8; method=REQUEST".
const mimeType = /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.-]+=("[^"\r\n]*"|[\w.+-]+))*$/;

export const attachment = z.object({
  // Only a plain name: no folders, no quotes that could end the header parameter early.
  filename: singleLine(120).refine((v) => !/[\\/"]/.test(v), "nombre de archivo no válido"),
  contentType: z.string().max(200).regex(mimeType, "tipo de contenido no válido"),
  content: z.string().max(2_000_000),
  encoding: z.enum(["utf-8", "base64"]).default("utf-8"),
  // Content-ID of an image shown inside the body (<img src="cid:...">), e.g. a check-in QR code.
  cid: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, "identificador de contenido no válido")
    .optional(),
});

export type EmailAttachment = z.output<typeof attachment>;

/**
 * The person's link to stop messages and reminders from the organizers (signed, personal):
 * every mail to a registrant carries it, in the footer (emails/parts.tsx Letter).
 */
export const optOut = { stopUrl: httpUrl.optional() };

/** Every template accepts attachments, e.g. the .ics calendar of a registration. */
export const attachments = { attachments: z.array(attachment).max(5).optional() };

/** How the person checks in at the venue: a code to show or read aloud, and its QR image. */
export const checkIn = z.object({
  code: singleLine(40),
  // Content-ID of the attached PNG of the QR code, when there is one.
  qrCid: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .optional(),
});
