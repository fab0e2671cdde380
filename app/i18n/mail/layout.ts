import { localized } from "~emails/localized";

// The text of the mail emails/layout.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    brand: "Convoca · Encuentros de las ciudades capitales",
    footer: "Recibe este correo por su participación en un encuentro de las ciudades capitales de Colombia. Si no lo esperaba, puede ignorarlo.",
    automatic: "Este mensaje se envió automáticamente; por favor no responda a esta dirección.",
    fallback: "Si el botón no funciona, copie este enlace en su navegador:",
    stopMessages: "¿Prefiere no recibir más mensajes ni recordatorios de los organizadores?",
    stopMessagesLink: "Deje de recibirlos",
    stopMessagesStill: "Las confirmaciones, las cancelaciones y los cambios de agenda le seguirán llegando.",
  },
  {
    brand: "Convoca · Convenings of Colombia's capital cities",
    footer: "You are receiving this email because of your part in a convening of Colombia's capital cities. If you did not expect it, you can ignore it.",
    automatic: "This message was sent automatically; please do not reply to this address.",
    fallback: "If the button does not work, copy this link into your browser:",
    stopMessages: "Would you rather not receive more messages or reminders from the organizers?",
    stopMessagesLink: "Stop them",
    stopMessagesStill: "Confirmations, cancellations and agenda changes will still reach you.",
  },
);
