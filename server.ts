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
import { assertProductionReady, getEnv } from "~/server/env.server";
import { takeStylesheetsFrom } from "~/server/refusal-page.server";
import { remixHandler } from "~/server/remix-express.server";
import {
  answerUnhandledErrors,
  limitRequestBodies,
  refuseCrossSiteWrites,
  refuseUnknownMethods,
  securityHeaders,
} from "~/server/security-headers.server";

installGlobals({ nativeFetch: true });

const env = getEnv();
try {
  assertProductionReady(env);
} catch (error) {
  console.error(`\nConvoca no puede arrancar: ${(error as Error).message}\n`);
  process.exit(1);
}

const buildPath = path.resolve("build/index.js");
const importBuild = async (): Promise<ServerBuild> => import(`${pathToFileURL(buildPath).href}?t=${Date.now()}`);

const db = getDb();
const { demoSeeded } = await prepareDatabase(db, env);

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY ?? false);
app.use(compression());
app.use(securityHeaders(env));
app.use(refuseUnknownMethods());
app.use(refuseCrossSiteWrites(env));
app.use(limitRequestBodies(env));
// Fingerprinted build assets may be cached forever; the rest of public/ for an hour.
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y", index: false }));
app.use(express.static("public", { maxAge: "1h", index: false }));
if (process.env.LOG_REQUESTS !== "off") app.use(morgan("tiny"));
// A benchmark switch: the framework's ceiling for `npm run bench` (the same middleware, no Remix).
// Allowed in any mode, since the bench measures the production server: it reads nothing and answers "ok".
if (process.env.BENCH_BARE_ROUTE === "1") app.get("/__bench/bare", (_req, res) => void res.type("text/plain").send("ok"));

let build = await importBuild();
takeStylesheetsFrom(build);
// Only under `remix dev`, which sets REMIX_DEV_ORIGIN: many shells and containers set
// NODE_ENV=development, and `npm start` there must serve the build it made, not wait for a dev server.
const underRemixDev = Boolean(process.env.REMIX_DEV_ORIGIN);
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
// to `npm run worker`; running them in both places is safe, since every mail has a unique key.
const stopWorker = env.mailWorkerInWeb ? await startMailWorkerIfPresent() : async () => {};
const stopFollowUp = env.mailWorkerInWeb ? await startFollowUpSchedulerIfPresent() : async () => {};

const server = app.listen(env.port, () => {
  console.log(`Convoca escucha en ${env.appUrl} (puerto ${env.port})`);
  if (!env.isProduction) {
    console.log(`Demo${demoSeeded ? " recién creada" : ""}: ingrese en ${env.appUrl}/ingresar con ${demoOrganizer.email} / ${demoOrganizer.password} (solo para demostración).`);
  }
  if (underRemixDev) void broadcastDevReady(build);
});

async function startMailWorkerIfPresent(): Promise<() => Promise<void>> {
  const { startMailWorker } = await import("~/features/mail/dispatcher.server");
  return startMailWorker();
}

async function startFollowUpSchedulerIfPresent(): Promise<() => Promise<void>> {
  const { startFollowUpScheduler } = await import("~/features/commitments/follow-up/scheduler.server");
  return startFollowUpScheduler();
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: cerrando Convoca…`);
  server.close();
  await Promise.all([stopWorker(), stopFollowUp()]);
  await closeDb();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
