import { z } from "zod";
import { email, redirectTarget } from "~/lib/input-rules";

// The forms of the people who register (not organizers), built from the shared input rules
// (docs/decisions/007).

/** Asking for a sign-in link by mail (POST /ingresar/enlace): the address, and where to go next. */
export const linkSignInSchema = z.object({ email: email(), redirectTo: redirectTarget() });
