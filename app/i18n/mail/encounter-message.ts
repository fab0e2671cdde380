import { localized } from "~emails/localized";
import type { Data } from "~emails/encounter-message";

// The text of the mail emails/encounter-message.tsx, Spanish then English (same keys, checked).
// The subject and the words are the organizer's, as written; only the frame is translated.
export const strings = localized(
  {
    subject: (d: Data) => d.subject,
    heading: "Un mensaje de los organizadores",
    signature: "— El equipo organizador del encuentro",
    action: "Ver su inscripción",
  },
  {
    subject: (d: Data) => d.subject,
    heading: "A message from the organizers",
    signature: "— The convening's organizing team",
    action: "See your registration",
  },
);
