import { z } from "zod";
import { emailField, requiredText } from "./forms";

// Schemas shared by the forms (client) and the actions (server).
export const organizerSignInSchema = z.object({
  email: emailField(),
  password: requiredText(200),
  redirectTo: z.string().max(500).optional(),
});

export const magicLinkRequestSchema = z.object({
  email: emailField(),
  redirectTo: z.string().max(500).optional(),
});
