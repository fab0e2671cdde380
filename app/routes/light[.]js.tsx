import type { LoaderFunctionArgs } from "@remix-run/node";
import { lightScriptSource, lightScriptVersion } from "~/server/light-script.server";

// GET /light.js: the script of the light pages (app/lib/light-page.ts), the same for anyone. The
// address the pages use names its version (?v=…): that one is kept for good; any other is asked
// again each time, so an old address never serves a stale script for long.
export function loader({ request }: LoaderFunctionArgs) {
  const current = new URL(request.url).searchParams.get("v") === lightScriptVersion;
  return new Response(lightScriptSource, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
}
