import type { LoaderFunctionArgs } from "@remix-run/node";
import { actorOf } from "~/server/audit.server";
import { copyPersonData } from "~/features/people/commands.server";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { personEmail } from "~/features/people/forms";
import { notFound } from "~/server/http.server";

// A copy of everything Convoca holds about one person, as JSON (Ley 1581: right to know).
export async function loader({ request }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request);
  const email = personEmail.safeParse(new URL(request.url).searchParams.get("email") ?? "");
  if (!email.success) throw new Response("Correo no válido", { status: 400 });
  const copy = await copyPersonData(getDb(), email.data, actorOf.organizer(organizer.id));
  if (!copy) notFound();
  return new Response(JSON.stringify(copy, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="datos-personales.json"`,
      "Cache-Control": "no-store",
    },
  });
}
