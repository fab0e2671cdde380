// npm run bench [-- name...] — runs the benchmarks (all, or those named) one after another
// and prints one line per figure. Speed is measured here, never asserted in tests.
import { benchAgendaCalendar, benchAgendaPage } from "./agenda";
import { benchFollowUp } from "./follow-up";
import { benchMail } from "./mail";
import { benchMaterials } from "./materials";
import { benchRegistration } from "./registration";
import { benchReports } from "./reports";

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  details?: string;
}

/** Add a benchmark: one file in tests/bench/, one line here. */
const benches: Record<string, () => Promise<BenchResult>> = {
  "agenda-page": () => benchAgendaPage(),
  "agenda-ics": () => benchAgendaCalendar(),
  "follow-up": () => benchFollowUp(),
  mail: () => benchMail(1000),
  materials: () => benchMaterials(),
  reports: () => benchReports(),
  registration: () => benchRegistration(),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in benches));
if (unknown.length) {
  console.error(`Benchmark desconocido: ${unknown.join(", ")}. Disponibles: ${Object.keys(benches).join(", ")}`);
  process.exit(2);
}

for (const name of wanted.length ? wanted : Object.keys(benches)) {
  // Some benchmarks set DATA_DIR, SEED_DEMO and the like for the app modules they load: each
  // starts from the environment npm run bench was given (servers started later inherit it).
  const env = { ...process.env };
  const result = await benches[name]();
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
  console.log(`${result.name}: ${result.value} ${result.unit}${result.details ? ` — ${result.details}` : ""}`);
}
