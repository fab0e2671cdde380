import { strings } from "~/i18n/mail/registration-confirmed";
import { confirmedPlaceTemplate } from "./registration-parts";

export default confirmedPlaceTemplate(strings);
