import { localized } from "~emails/localized";
import type { Data } from "~emails/roster-change";

// The text of the mail emails/roster-change.tsx, Spanish then English (same keys, checked).
const esRole = (d: Data) => (d.role === "focal_point" ? "enlace de la ciudad" : "funcionario verificado");
const enRole = (d: Data) => (d.role === "focal_point" ? "focal point of the city" : "verified official");
const esBy = (d: Data) => (d.by ? `${d.by}, enlace de ${d.city},` : "El equipo organizador");
const enBy = (d: Data) => (d.by ? `${d.by}, focal point of ${d.city},` : "The organizers");

export const strings = localized(
  {
    subject: (d: Data) =>
      ({
        added: `Usted está en el directorio de la ciudad de ${d.city}`,
        withdrawn: `Ya no está en el directorio de la ciudad de ${d.city}`,
        focalGiven: `Ahora es enlace de ${d.city} en Convoca`,
        focalTaken: `Ya no es enlace de ${d.city} en Convoca`,
      })[d.change],
    heading: "Directorio de la ciudad",
    intro: (d: Data) => {
      if (d.change === "added" && d.domain)
        return `Ingresó a Convoca con una dirección de ${d.domain}, un dominio de la Alcaldía de ${d.city}: quedó en el directorio de la ciudad como ${esRole(d)}.`;
      return {
        added: `${esBy(d)} lo incluyó en el directorio de la ciudad de ${d.city} como ${esRole(d)}.`,
        withdrawn: `${esBy(d)} lo retiró del directorio de la ciudad de ${d.city}.`,
        focalGiven: `${esBy(d)} lo nombró enlace de ${d.city}: la persona que lleva el directorio de la ciudad.`,
        focalTaken: `${esBy(d)} pasó el papel de enlace de ${d.city} a otra persona. Usted sigue en el directorio como funcionario verificado.`,
      }[d.change];
    },
    entity: "Entidad",
    position: "Cargo",
    meaning: (d: Data) =>
      ({
        added:
          d.role === "focal_point"
            ? "Desde ahora ve y registra los compromisos de la ciudad, y lleva su directorio: agrega y retira funcionarios, y puede pasar el papel de enlace a otra persona."
            : "Desde ahora ve y registra los compromisos de la ciudad en Convoca. Para entrar, pida un enlace con este mismo correo: no necesita contraseña.",
        withdrawn:
          "Ya no ve ni registra los compromisos de la ciudad, y sus sesiones en Convoca se cerraron. Si cree que es un error, escriba a quien organiza los encuentros.",
        focalGiven: "Desde ahora agrega y retira funcionarios del directorio de la ciudad, y puede pasar el papel de enlace a otra persona.",
        focalTaken: "Sigue viendo y registrando los compromisos de la ciudad; ya no agrega ni retira funcionarios del directorio.",
      })[d.change],
    action: (d: Data): string => (d.change === "withdrawn" ? "Ir a Convoca" : "Ver el directorio de la ciudad"),
    notYou: "Si no esperaba este mensaje, puede ignorarlo o avisar a quien organiza los encuentros.",
  },
  {
    subject: (d: Data) =>
      ({
        added: `You are on the city roster of ${d.city}`,
        withdrawn: `You are no longer on the city roster of ${d.city}`,
        focalGiven: `You are now the focal point of ${d.city} on Convoca`,
        focalTaken: `You are no longer the focal point of ${d.city} on Convoca`,
      })[d.change],
    heading: "City roster",
    intro: (d: Data) => {
      if (d.change === "added" && d.domain)
        return `You signed in to Convoca with an address at ${d.domain}, a domain of the city government of ${d.city}: you are now on the city roster as a ${enRole(d)}.`;
      return {
        added: `${enBy(d)} added you to the city roster of ${d.city} as a ${enRole(d)}.`,
        withdrawn: `${enBy(d)} withdrew you from the city roster of ${d.city}.`,
        focalGiven: `${enBy(d)} named you focal point of ${d.city}: the person who keeps the city's roster.`,
        focalTaken: `${enBy(d)} passed the focal point role of ${d.city} to someone else. You stay on the roster as a verified official.`,
      }[d.change];
    },
    entity: "Entity",
    position: "Position",
    meaning: (d: Data) =>
      ({
        added:
          d.role === "focal_point"
            ? "From now on you see and record the city's commitments, and keep its roster: you add and withdraw officials, and can pass the focal point role to someone else."
            : "From now on you see and record the city's commitments on Convoca. To get in, ask for a link with this same address: no password needed.",
        withdrawn:
          "You no longer see or record the city's commitments, and your sessions on Convoca were ended. If you think this is a mistake, write to the organizers.",
        focalGiven: "From now on you add and withdraw officials on the city's roster, and can pass the focal point role to someone else.",
        focalTaken: "You still see and record the city's commitments; you no longer add or withdraw officials on the roster.",
      })[d.change],
    action: (d: Data): string => (d.change === "withdrawn" ? "Go to Convoca" : "See the city roster"),
    notYou: "If you did not expect this message, you can ignore it or tell the organizers.",
  },
);
