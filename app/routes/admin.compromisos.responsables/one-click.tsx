import { Form, useNavigation } from "@remix-run/react";
import type { ReviewIntent } from "~/features/commitments/forms";

/** One decision as one button, named with whom it is about (the same label repeats down a table). */
export function OneClick({
  intent,
  id,
  label,
  danger,
  name,
  email,
}: {
  intent: ReviewIntent;
  id: number;
  label: string;
  danger?: boolean;
  name: string;
  email?: string;
}) {
  const busy = useNavigation().state !== "idle";
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      {email !== undefined ? <input type="hidden" name="email" value={email} /> : null}
      <button type="submit" className={`button button--small${danger ? " button--danger" : ""}`} disabled={busy} aria-label={`${label}: ${name}`}>
        {label}
      </button>
    </Form>
  );
}
