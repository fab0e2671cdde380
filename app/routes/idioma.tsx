import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n/index";
import { localeCookie } from "~/i18n/locale.server";
import { safeRedirectPath, readForm } from "~/server/http.server";

// The language switch is a plain form, so it works without JavaScript.
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const lang = form.get("lang");
  if (!isLocale(lang)) throw new Response("Idioma no soportado", { status: 400 });
  return redirect(safeRedirectPath(form.get("redirectTo")), {
    headers: { "Set-Cookie": await localeCookie.serialize(lang) },
  });
}

export async function loader() {
  return redirect("/");
}
