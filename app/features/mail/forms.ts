import { z } from "zod";

// The outbox pages' one form (/admin/correo/:id), read with conform (docs/decisions/007).

/** Put a failed message back in the queue: the page's one button. */
export const requeueSchema = z.object({ intent: z.literal("requeue", { errorMap: () => ({ message: "invalid" }) }) });
