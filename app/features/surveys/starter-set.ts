import type { QuestionKind, QuestionOption } from "~/features/questions/kinds";

// The questions a new survey starts with (organizers edit, hide or delete them, and add their
// own): satisfaction with the encounter, each session rated on the matrix, and two free
// questions. Pure data, in both languages.

export interface StarterQuestion {
  kind: QuestionKind;
  required: boolean;
  perSession: boolean;
  wording: { es: string; en: string };
  help: { es: string; en: string };
  options: QuestionOption[];
}

export const starterSet: readonly StarterQuestion[] = [
  {
    kind: "scale",
    required: true,
    perSession: false,
    wording: { es: "En general, ¿qué tan satisfecho o satisfecha quedó con el encuentro?", en: "Overall, how satisfied are you with the convening?" },
    help: { es: "", en: "" },
    options: [],
  },
  {
    kind: "scale",
    required: false,
    perSession: true,
    wording: { es: "¿Cómo califica cada sesión?", en: "How do you rate each session?" },
    help: { es: "Califique solo las sesiones en las que estuvo.", en: "Rate only the sessions you attended." },
    options: [],
  },
  {
    kind: "yes_no",
    required: false,
    perSession: false,
    wording: {
      es: "¿Lo aprendido le servirá para incluir la prevención de la trata y el tráfico en el PDT o el PISCC de su ciudad?",
      en: "Will what you learned help include the prevention of trafficking and smuggling in your city's PDT or PISCC?",
    },
    help: { es: "", en: "" },
    options: [],
  },
  {
    kind: "long_text",
    required: false,
    perSession: false,
    wording: { es: "¿Qué fue lo más útil?", en: "What was most useful?" },
    help: { es: "", en: "" },
    options: [],
  },
  {
    kind: "long_text",
    required: false,
    perSession: false,
    wording: { es: "¿Qué mejoraría para el próximo encuentro?", en: "What would you improve for the next convening?" },
    help: { es: "", en: "" },
    options: [],
  },
];
