import { localized } from "~emails/localized";

// The text of the mail emails/registration-parts.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    calendar: "Adjuntamos el evento en un archivo de calendario (.ics) para que lo agregue a su agenda.",
    action: "Ver o cancelar mi inscripción",
    delegation: (city: string) =>
      `La persona enlace de ${city} lo inscribió en la delegación de la ciudad. Abra su enlace personal para dar su propia autorización para el tratamiento de sus datos (Ley 1581 de 2012): hasta entonces, solo usamos sus datos para enviarle este correo.`,
  },
  {
    calendar: "The event is attached as a calendar file (.ics) so you can add it to your calendar.",
    action: "View or cancel my registration",
    delegation: (city: string) =>
      `The focal point of ${city} registered you in the city's delegation. Open your personal link to give your own authorization to process your data (Colombian Law 1581 of 2012): until then, we use your data only to send you this mail.`,
  },
);
