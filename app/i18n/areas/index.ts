// One import and one entry per feature area: its messages appear as t.<name> in pages.
import { certificates } from "./certificates";
import { materials } from "./materials";
import { people } from "./people";
import { privacy } from "./privacy";
import { reports } from "./reports";

export const areas = {
  certificates,
  materials,
  people,
  privacy,
  reports,
};
