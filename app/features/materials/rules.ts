import type { MaterialVisibility } from "~db/schema";

// Who may download a material, and what a download sends: pure decisions, no I/O.

/**
 * "registered" means a registration that is not cancelled: confirmed or waitlisted. Someone on
 * the waiting list is a known official of a capital city preparing for the same work, and the
 * guide is not a scarce seat. "attendees" means a registration with a check-in. For a general
 * material (no encounter) either holds for any encounter.
 */
export interface Standing {
  registered: boolean;
  attended: boolean;
}

export type Access = "allowed" | "signIn" | "register" | "attend";

export function accessFor(visibility: MaterialVisibility, viewer: { organizer: boolean; participant: boolean }, standing: Standing | null): Access {
  if (visibility === "public" || viewer.organizer) return "allowed";
  if (!viewer.participant || !standing) return "signIn";
  if (!standing.registered) return "register";
  if (visibility === "attendees" && !standing.attended) return "attend";
  return "allowed";
}

/** What an organizer writes about a material (the file aside). */
export interface MaterialFields {
  title: string;
  description: string;
  language: string;
  visibility: MaterialVisibility;
}

export interface MaterialViewer {
  organizerId: number | null;
  participantId: number | null;
}

/** Materials of a draft encounter exist only for organizers. */
export function hiddenFrom(viewer: MaterialViewer, material: { encounter_status: string | null }): boolean {
  return viewer.organizerId === null && material.encounter_status === "draft";
}

/** A city the material is meant for where nobody has downloaded it yet: the ones to remind. */
export function isPendingCity(receipt: { audience: number; downloaders: number }): boolean {
  return receipt.audience > 0 && receipt.downloaders === 0;
}

/** Text cut to a length for a mail, with an ellipsis when cut. */
export const shortened = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
