import { localized } from "~emails/localized";
import type { ConfirmedPlaceText } from "~emails/registration-parts";

// The text of the mail emails/registration-promoted.tsx, Spanish then English (same keys, checked).
export const strings = localized<ConfirmedPlaceText>(
  {
    subject: (d) => `Se liberó un cupo: su inscripción está confirmada (${d.encounter.title})`,
    heading: "Se liberó un cupo para usted",
    intro: "Estaba en la lista de espera y ahora tiene un cupo confirmado en el encuentro. Estos son los datos para asistir:",
    cancel: "Si ya no puede asistir, cancele su inscripción para que el cupo pase a la siguiente persona.",
  },
  {
    subject: (d) => `A place opened up: your registration is confirmed (${d.encounter.title})`,
    heading: "A place has opened up for you",
    intro: "You were on the waiting list and now have a confirmed place at the convening. Here is what you need to attend:",
    cancel: "If you can no longer attend, please cancel so that the place goes to the next person.",
  },
);
