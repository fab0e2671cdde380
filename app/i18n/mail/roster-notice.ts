import { localized } from "~emails/localized";
import type { Data } from "~emails/roster-notice";

// The text of the mail emails/roster-notice.tsx, Spanish then English (same keys, checked).
const esBy = (d: Data) => (d.by ? `${d.by}, enlace de la ciudad,` : "El equipo organizador");
const enBy = (d: Data) => (d.by ? `${d.by}, focal point of the city,` : "The organizers");

export const strings = localized(
  {
    subject: (d: Data) => `Cambio en el directorio de la ciudad de ${d.city}`,
    heading: "Cambio en el directorio de la ciudad",
    intro: (d: Data) => {
      if (d.change === "added" && d.byDomain)
        return `${d.subject} ingresó con una dirección de un dominio de la ciudad y quedó en el directorio de ${d.city} como funcionario verificado.`;
      return {
        added: `${esBy(d)} incluyó a ${d.subject} en el directorio de ${d.city}.`,
        withdrawn: `${esBy(d)} retiró a ${d.subject} del directorio de ${d.city}.`,
        focalGiven: `${esBy(d)} nombró a ${d.subject} enlace de ${d.city}.`,
        focalTaken: `${esBy(d)} quitó a ${d.subject} el papel de enlace de ${d.city}; sigue en el directorio como funcionario verificado.`,
        domainAdded: `${esBy(d)} agregó el dominio ${d.subject} a ${d.city}: quien ingrese con una dirección de ese dominio quedará como funcionario verificado de la ciudad.`,
        domainRemoved: `${esBy(d)} quitó el dominio ${d.subject} de ${d.city}: sus direcciones ya no verifican a nadie (quien ya está en el directorio sigue en él).`,
      }[d.change];
    },
    where: "Usted recibe este aviso porque es enlace de la ciudad. El directorio completo está en Convoca.",
    action: "Ver el directorio de la ciudad",
  },
  {
    subject: (d: Data) => `A change on the city roster of ${d.city}`,
    heading: "A change on the city roster",
    intro: (d: Data) => {
      if (d.change === "added" && d.byDomain)
        return `${d.subject} signed in with an address at a domain of the city and is now on the roster of ${d.city} as a verified official.`;
      return {
        added: `${enBy(d)} added ${d.subject} to the roster of ${d.city}.`,
        withdrawn: `${enBy(d)} withdrew ${d.subject} from the roster of ${d.city}.`,
        focalGiven: `${enBy(d)} named ${d.subject} focal point of ${d.city}.`,
        focalTaken: `${enBy(d)} took the focal point role of ${d.city} from ${d.subject}, who stays on the roster as a verified official.`,
        domainAdded: `${enBy(d)} added the domain ${d.subject} to ${d.city}: whoever signs in with an address at that domain becomes a verified official of the city.`,
        domainRemoved: `${enBy(d)} removed the domain ${d.subject} from ${d.city}: its addresses no longer verify anyone (people already on the roster stay).`,
      }[d.change];
    },
    where: "You get this notice because you are a focal point of the city. The whole roster is on Convoca.",
    action: "See the city roster",
  },
);
