import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "~/server/db.server";
import { destroySession } from "~/server/session.server";

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/", { headers: { "Set-Cookie": await destroySession(getDb(), request) } });
}

// Signing out changes state, so only a POST does it; a GET (a prefetch, a crawler) goes home.
export async function loader() {
  return redirect("/");
}
