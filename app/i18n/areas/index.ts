// One line per feature area: its messages appear as t.<name> in pages and emails.
// import { agendaAdmin } from "./agenda-admin";

export const areas = {
  // agendaAdmin,
};
