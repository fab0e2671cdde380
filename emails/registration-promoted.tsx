import { localized } from "./localized";
import { confirmedPlaceTemplate, type ConfirmedPlaceText } from "./registration-parts";

// Sent when a place opens up for someone on the waiting list.
export default confirmedPlaceTemplate(
  localized<ConfirmedPlaceText>(
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
  ),
);
