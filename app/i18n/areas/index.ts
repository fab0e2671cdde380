// One import and one entry per feature area: its messages appear as t.<name> in pages.
import { scheduling } from "./agenda";
import { certificates } from "./certificates";
import { cities } from "./cities";
import { cityAuthority } from "./city-authority";
import { commitments } from "./commitments";
import { invitations } from "./invitations";
import { mailbox } from "./mailbox";
import { materials } from "./materials";
import { messages } from "./messages";
import { minutes } from "./minutes";
import { organizers } from "./organizers";
import { people } from "./people";
import { privacy } from "./privacy";
import { questions } from "./questions";
import { registration } from "./registration";
import { registrationHome } from "./registration-home";
import { reports } from "./reports";
import { surveys } from "./surveys";
import { words } from "./words";

export const areas = {
  scheduling,
  certificates,
  cities,
  cityAuthority,
  commitments,
  invitations,
  mailbox,
  materials,
  messages,
  minutes,
  organizers,
  people,
  privacy,
  questions,
  registration,
  registrationHome,
  reports,
  surveys,
  words,
};
