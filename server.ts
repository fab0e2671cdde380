// The Convoca web server: migrations and seed, then Remix on express, plus the mail worker.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { broadcastDevReady, installGlobals, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import { demoOrganizer } from "./db/seed/demo";
import { prepareDatabase } from "~/server/startup.server";
import { closeDb, getDb } from "~/server/db.server";
import { startBackgroundWork } from "~/server/background.server";
import { getEnvAtStart } from "~/server/env.server";
import { takeStylesheetsFrom } from "~/server/refusal-page.server";
import { remixHandler } from "~/server/remix-express.server";
import { answerUnhandledErrors, limitRequestBodies, refuseCrossSiteWrites, refuseUnknownMethods, securityHeaders } from "~/server/security-headers.server";

installGlobals({ nativeFetch: true });

// A wrong variable (or, in production, a missing SESSION_SECRET) stops here, in one line.
const env = getEnvAtStart({ signsLinks: true });

const buildPath = path.resolve("build/index.js");
const importBuild = async (): Promise<ServerBuild> => import(`${pathToFileURL(buildPath).href}?t=${Date.now()}`);

const db = getDb();
const { demoSeeded } = await prepareDatabase(db, env);

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", env.trustProxy);
app.use(compression());
app.use(securityHeaders(env));
app.use(refuseUnknownMethods());
app.use(refuseCrossSiteWrites(env));
app.use(limitRequestBodies(env));
// Fingerprinted build assets may be cached forever; the rest of public/ for an hour.
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y", index: false }));
app.use(express.static("public", { maxAge: "1h", index: false }));
if (env.logRequests) app.use(morgan("tiny"));
// A benchmark switch: the framework's ceiling for `npm run bench` (the same middleware, no Remix).
// Allowed in any mode, since the bench measures the production server: it reads nothing and answers "ok".
if (env.benchBareRoute) app.get("/__bench/bare", (_req, res) => void res.type("text/plain").send("ok"));

let build = await importBuild();
takeStylesheetsFrom(build);
// Only under `remix dev`, which sets REMIX_DEV_ORIGIN: many shells and containers set
// NODE_ENV=development, and `npm start` there must serve the build it made, not wait for a dev server.
const underRemixDev = env.underRemixDev;
app.all(
  "*",
  remixHandler({
    env,
    mode: underRemixDev ? "development" : build.mode,
    // remix dev rebuilds into build/: pick up the new build on each request.
    getBuild: underRemixDev
      ? async () => {
          build = await importBuild();
          takeStylesheetsFrom(build);
          return build;
        }
      : () => build,
  }),
);
app.use(answerUnhandledErrors());

// MAIL_WORKER=off moves both background jobs (sending mail and deciding commitment reminders)
// to `npm run worker`.
const stopBackgroundWork = startBackgroundWork(env, { in: "web" });

const server = app.listen(env.port, () => {
  console.log(`Convoca escucha en ${env.appUrl} (puerto ${env.port})`);
  if (!env.isProduction) {
    console.log(
      `Demo${demoSeeded ? " recién creada" : ""}: ingrese en ${env.appUrl}/ingresar con ${demoOrganizer.email} / ${demoOrganizer.password} (solo para demostración).`,
    );
  }
  if (underRemixDev) void broadcastDevReady(build);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: cerrando Convoca…`);
  server.close();
  await stopBackgroundWork();
  await closeDb();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
