import { z } from "zod";
import { choice, email, id, singleLine } from "~/lib/input-rules";
import { rosterRoles } from "~db/schema";

// The forms of the city roster (directorio de la ciudad): the organizers' page of one city
// (/admin/ciudades/:dane) and a focal point's page of their own (/mi-ciudad/directorio). Errors
// are keys of t.cities.errors.

export const rosterLimits = { fullName: 120, entity: 160, position: 160, domain: 253 } as const;

/** A person to put on the roster: who they are and what they hold in the city's government. */
const person = {
  fullName: singleLine(rosterLimits.fullName),
  email: email(),
  entity: singleLine(rosterLimits.entity),
  position: singleLine(rosterLimits.position),
};

const rosterId = { rosterId: id() };
const invalid = { errorMap: () => ({ message: "invalid" }) };

/** Every form of /admin/ciudades/:dane, told apart by its intent. */
export const adminRosterSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("add"), ...person, role: choice(rosterRoles) }),
    // A registrant of the city, not yet on its roster: verified by the organizer.
    z.object({ intent: z.literal("verify"), participantId: id() }),
    z.object({ intent: z.literal("withdraw"), ...rosterId }),
    z.object({ intent: z.literal("makeFocalPoint"), ...rosterId }),
    z.object({ intent: z.literal("unmakeFocalPoint"), ...rosterId }),
    z.object({ intent: z.literal("addDomain"), domain: singleLine(rosterLimits.domain + 1) }),
    z.object({ intent: z.literal("removeDomain"), domainId: id() }),
  ],
  invalid,
);
export type AdminRosterForm = z.output<typeof adminRosterSchema>;

/** Every form of /mi-ciudad/directorio (a focal point's), told apart by its intent. */
export const focalRosterSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("add"), ...person }),
    z.object({ intent: z.literal("withdraw"), ...rosterId }),
    z.object({ intent: z.literal("handOver"), ...rosterId }),
  ],
  invalid,
);
export type FocalRosterForm = z.output<typeof focalRosterSchema>;
