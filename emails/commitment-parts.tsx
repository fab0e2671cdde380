import { Link } from "@react-email/components";
import type { Locale } from "~db/schema";
import { P } from "./layout";
import { localized } from "./localized";

// Pieces of the follow-up messages of commitments.

const strings = localized(
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

/** The personal-link warning and the stop-reminders link, at the end of a reminder. */
export function FollowUpFooter({ stopUrl, locale }: { stopUrl?: string; locale: Locale }) {
  const t = strings[locale];
  return (
    <>
      <P>{t.personal}</P>
      {stopUrl ? (
        <P>
          {t.stop} <Link href={stopUrl}>{t.stopLink}</Link>: {stopUrl}
        </P>
      ) : null}
    </>
  );
}
