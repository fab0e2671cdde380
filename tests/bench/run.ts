// npm run bench [-- name...] — runs the benchmarks (all, or those named) one after another:
// first the HTTP table (`http`), then one line per figure. The app is built once, first, when
// a chosen benchmark needs it. Speed is measured here, never asserted in tests.
// DATABASE_URL=postgres://… runs them all on PostgreSQL, each database a new schema of that
// database, dropped after (see ./database); without it, on new SQLite files.
import { execFileSync } from "node:child_process";
import { benchAgendaCalendar, benchAgendaPage } from "./agenda";
import { benchCertificates } from "./certificates";
import { describeBenchDatabase, engineName } from "./database";
import { benchFollowUp } from "./follow-up";
import { benchHttp } from "./http";
import { benchInvitationGrid, benchInvite } from "./invitations";
import { benchMail } from "./mail";
import { benchMaterials } from "./materials";
import { benchMessages } from "./messages";
import { benchPageWeight } from "./page-weight";
import { benchRegistration } from "./registration";
import { benchReports } from "./reports";
import { benchSurveys } from "./surveys";

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  details?: string;
  /** The figure the issue asks for: at most (`max`) or at least (`min`) this, in `unit`. */
  goal?: { max: number } | { min: number };
}

/** "148 ms (meta ≤ 20: no cumple)": each figure printed beside its goal. */
export function besideGoal(result: BenchResult): string {
  const { goal } = result;
  if (!goal) return `${result.value} ${result.unit}`;
  const met = "max" in goal ? result.value <= goal.max : result.value >= goal.min;
  const target = "max" in goal ? `≤ ${goal.max}` : `≥ ${goal.min}`;
  return `${result.value} ${result.unit} (meta ${target}: ${met ? "cumple" : "NO cumple"})`;
}

function figureLine(result: BenchResult): string {
  return `${result.name}: ${besideGoal(result)}${result.details ? ` — ${result.details}` : ""}`;
}

/** A benchmark that prints a table (then a line per detail, then its figures beside their goals) instead of one figure. */
export interface BenchTable {
  name: string;
  table: string;
  details: string[];
  figures?: BenchResult[];
}

/** Add a benchmark: one file in tests/bench/, one line here (and in `needsBuild` if it runs the built app). */
const benches: Record<string, () => Promise<BenchResult | BenchResult[] | BenchTable>> = {
  http: () => benchHttp(),
  "agenda-page": () => benchAgendaPage(),
  "agenda-ics": () => benchAgendaCalendar(),
  "follow-up": () => benchFollowUp(),
  "invitations-invite": () => benchInvite(),
  "invitations-grid": () => benchInvitationGrid(),
  mail: () => benchMail(1000),
  materials: () => benchMaterials(),
  messages: () => benchMessages(),
  reports: () => benchReports(),
  registration: () => benchRegistration(),
  surveys: () => benchSurveys(),
  "page-weight": () => benchPageWeight(),
  certificates: () => benchCertificates(),
};
const needsBuild = new Set(["http", "agenda-page", "materials", "registration", "page-weight"]);

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in benches));
if (unknown.length) {
  console.error(`Benchmark desconocido: ${unknown.join(", ")}. Disponibles: ${Object.keys(benches).join(", ")}`);
  process.exit(2);
}
const chosen = wanted.length ? wanted : Object.keys(benches);

if (chosen.some((name) => needsBuild.has(name))) {
  try {
    execFileSync("npx", ["remix", "build"], { stdio: "pipe" });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    console.error(`La compilación falló:\n${stdout ?? ""}${stderr ?? ""}`);
    process.exit(1);
  }
}

// The HTTP table names its engine in its headings; the other figures get it here.
if (chosen.some((name) => name !== "http")) console.log(`Database: ${await engineName()} (${describeBenchDatabase()})\n`);

for (const name of chosen) {
  // Some benchmarks set DATA_DIR, SEED_DEMO and the like for the app modules they load: each
  // starts from the environment npm run bench was given (servers started later inherit it).
  const env = { ...process.env };
  const outcome = await benches[name]();
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
  // A benchmark may give several figures (each beside its own goal), one line each.
  for (const result of Array.isArray(outcome) ? outcome : [outcome]) {
    if ("table" in result) console.log([result.table, ...result.details, ...(result.figures ?? []).map(figureLine), ""].join("\n"));
    else console.log(figureLine(result));
  }
}
