import { strings } from "~/i18n/mail/registration-promoted";
import { confirmedPlaceTemplate } from "./registration-parts";

// Sent when a place opens up for someone on the waiting list.
export default confirmedPlaceTemplate(strings);
