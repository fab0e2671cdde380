import { localized } from "~emails/localized";
import type { ConfirmedPlaceText } from "~emails/registration-parts";

// The text of the mail emails/registration-confirmed.tsx, Spanish then English (same keys, checked).
export const strings = localized<ConfirmedPlaceText>(
  {
    subject: (d) => `Inscripción confirmada: ${d.encounter.title}`,
    heading: "Su inscripción está confirmada",
    intro: "Tiene un cupo en el encuentro. Estos son los datos para asistir:",
    cancel: "Si no puede asistir, cancele su inscripción: así el cupo queda libre para otra persona.",
  },
  {
    subject: (d) => `Registration confirmed: ${d.encounter.title}`,
    heading: "Your registration is confirmed",
    intro: "You have a place at the convening. Here is what you need to attend:",
    cancel: "If you cannot attend, please cancel your registration so that someone else can take the place.",
  },
);
