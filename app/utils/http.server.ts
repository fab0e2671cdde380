import { data } from "@remix-run/node";

// Small helpers for answers with a status; Spanish text lives with the pages that show it.

export function notFound(message = "No encontrado"): never {
  throw new Response(message, { status: 404, statusText: "Not Found" });
}

export function badRequest<T>(body: T) {
  return data(body, { status: 400 });
}

export type AppLoadContext = { clientIp?: string; cspNonce?: string; waitForDrain?: () => Promise<void> };

interface DrainableResponse {
  writableNeedDrain: boolean;
  once(event: "drain" | "close", listener: () => void): unknown;
  off(event: "drain" | "close", listener: () => void): unknown;
}

/**
 * For the load context: Remix writes a response body to the socket without waiting for it to
 * drain, so a large download read faster than the client takes it would pile up in memory.
 * A body that awaits this before reading each chunk keeps memory flat.
 */
export function drainWaiter(res: DrainableResponse): () => Promise<void> {
  return () =>
    res.writableNeedDrain
      ? new Promise<void>((resolve) => {
          const done = () => {
            res.off("drain", done);
            res.off("close", done);
            resolve();
          };
          res.once("drain", done);
          res.once("close", done);
        })
      : Promise.resolve();
}

/** The client's address as the server saw it (express's req.ip, which honours TRUST_PROXY). */
export function clientAddress(context: unknown): string {
  const ip = (context as AppLoadContext | undefined)?.clientIp;
  return ip && ip.length < 100 ? ip : "unknown";
}

/** Only same-site relative paths, so a ?redirectTo= cannot send someone elsewhere. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
