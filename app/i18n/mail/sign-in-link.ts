import { localized } from "~emails/localized";
import type { Data } from "~emails/sign-in-link";

// The text of the mail emails/sign-in-link.tsx, Spanish then English (same keys, checked).
export const strings = localized(
  {
    subject: "Su enlace para ingresar a Convoca",
    heading: "Ingrese a Convoca",
    intro: (d: Data) => `Pidió ingresar a Convoca. Use el botón; el enlace sirve una sola vez y vence en ${d.minutes} minutos.`,
    notYou: "Si usted no lo pidió, ignore este mensaje: nadie puede ingresar a su cuenta sin este enlace.",
    action: "Ingresar",
  },
  {
    subject: "Your sign-in link for Convoca",
    heading: "Sign in to Convoca",
    intro: (d: Data) => `You asked to sign in to Convoca. Use the button; the link works once and expires in ${d.minutes} minutes.`,
    notYou: "If you did not ask for it, ignore this message: no one can sign in to your account without this link.",
    action: "Sign in",
  },
);
