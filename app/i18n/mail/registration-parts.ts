import { localized } from "~emails/localized";

// The text of the mail emails/registration-parts.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    calendar: "Adjuntamos el evento en un archivo de calendario (.ics) para que lo agregue a su agenda.",
    action: "Ver o cancelar mi inscripción",
  },
  {
    calendar: "The event is attached as a calendar file (.ics) so you can add it to your calendar.",
    action: "View or cancel my registration",
  },
);
