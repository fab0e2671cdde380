import { localized } from "~emails/localized";

// The text of the mail emails/commitment-parts.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    stop: "¿Prefiere no recibir más recordatorios de este compromiso?",
    stopLink: "Detener los recordatorios",
    personal: "Los enlaces de este correo son personales: le permiten actualizar el compromiso sin contraseña. No los reenvíe.",
  },
  {
    stop: "Would you rather not get more reminders about this commitment?",
    stopLink: "Stop the reminders",
    personal: "The links in this message are personal: they let you update the commitment without a password. Please do not forward them.",
  },
);
