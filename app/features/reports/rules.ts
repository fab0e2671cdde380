import type { CommitmentInstrument, CommitmentStatus, CommitmentTheme, RegistrationStatus } from "~db/schema";

// The counting behind the reports, on compact rows the queries read: the same numbers on
// SQLite and PostgreSQL, and a few thousand rows are counted in milliseconds. No I/O.

export interface CityRow {
  cityId: number;
  dane: string;
  name: string;
  lat: number;
  lon: number;
}

export interface EncounterCityFigures extends CityRow {
  registered: number;
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  attended: number;
  downloads: number;
  downloaders: number;
  commitments: number;
  commitmentsDone: number;
}

export interface EncounterReport {
  totals: { registered: number; confirmed: number; waitlisted: number; cancelled: number; attended: number; downloads: number; commitments: number };
  cities: EncounterCityFigures[];
  citiesThatCame: string[];
  citiesRegisteredNotCame: string[];
  citiesNotRegistered: string[];
  byEntity: { entity: string; registered: number; attended: number }[];
  byInstrument: Record<CommitmentInstrument, number>;
  byTheme: Record<CommitmentTheme, number>;
  byStatus: Record<CommitmentStatus, number>;
}

export interface CrossReportFilters {
  from?: string; // YYYY-MM-DD, on the encounter's start
  to?: string;
  instrument?: CommitmentInstrument;
  theme?: CommitmentTheme;
}

export interface CityProgress extends CityRow {
  encountersAttended: number;
  commitments: number;
  done: number;
  inProgress: number;
  overdue: number;
  doneOnTime: number;
  /** Share of commitments done by their due date, among those due by today or already done; null if none. */
  onTimeShare: number | null;
}

export interface CrossReport {
  cities: CityProgress[];
  trend: { period: string; made: number; done: number }[];
  totals: { commitments: number; done: number; overdue: number; encounters: number };
}

const countBy = <K extends string>(keys: readonly K[], values: K[]): Record<K, number> => {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const v of values) if (v in out) out[v] += 1;
  return out;
};

function quarterOf(isoDate: string): string {
  const month = Number(isoDate.slice(5, 7));
  return `${isoDate.slice(0, 4)}-T${Math.ceil(month / 3)}`;
}

type EncounterRows = {
  registrations: { city_id: number; entity: string; status: RegistrationStatus; checked_in_at: string | null }[];
  downloads: { city_id: number; participant_id: number | null }[];
  commitments: { city_id: number; instrument: CommitmentInstrument; theme: CommitmentTheme; status: CommitmentStatus }[];
};

/** One encounter's figures, city by city, from its compact rows. */
export function tallyEncounter(
  cities: CityRow[],
  registrations: EncounterRows["registrations"],
  downloads: EncounterRows["downloads"],
  commitments: EncounterRows["commitments"],
): EncounterReport {
  const figures = new Map<number, EncounterCityFigures>(
    cities.map((c) => [
      c.cityId,
      { ...c, registered: 0, confirmed: 0, waitlisted: 0, cancelled: 0, attended: 0, downloads: 0, downloaders: 0, commitments: 0, commitmentsDone: 0 },
    ]),
  );
  const entities = new Map<string, { registered: number; attended: number }>();
  for (const r of registrations) {
    const f = figures.get(r.city_id);
    if (!f) continue;
    f[r.status] += 1;
    if (r.status !== "cancelled") f.registered += 1;
    if (r.checked_in_at) f.attended += 1;
    const entity = entities.get(r.entity) ?? { registered: 0, attended: 0 };
    if (r.status !== "cancelled") entity.registered += 1;
    if (r.checked_in_at) entity.attended += 1;
    entities.set(r.entity, entity);
  }
  const downloaders = new Map<number, Set<number>>();
  for (const d of downloads) {
    const f = figures.get(d.city_id);
    if (!f || d.participant_id === null) continue;
    f.downloads += 1;
    const set = downloaders.get(d.city_id) ?? new Set<number>();
    set.add(d.participant_id);
    downloaders.set(d.city_id, set);
  }
  for (const [cityId, set] of downloaders) figures.get(cityId)!.downloaders = set.size;
  for (const c of commitments) {
    const f = figures.get(c.city_id);
    if (!f) continue;
    f.commitments += 1;
    if (c.status === "done") f.commitmentsDone += 1;
  }

  const list = [...figures.values()];
  const sum = (key: keyof EncounterCityFigures) => list.reduce((n, f) => n + (f[key] as number), 0);
  return {
    totals: {
      registered: sum("registered"),
      confirmed: sum("confirmed"),
      waitlisted: sum("waitlisted"),
      cancelled: sum("cancelled"),
      attended: sum("attended"),
      downloads: sum("downloads"),
      commitments: commitments.length,
    },
    cities: list,
    citiesThatCame: list.filter((f) => f.attended > 0).map((f) => f.name),
    citiesRegisteredNotCame: list.filter((f) => f.registered > 0 && f.attended === 0).map((f) => f.name),
    citiesNotRegistered: list.filter((f) => f.registered === 0 && f.attended === 0).map((f) => f.name),
    byEntity: [...entities.entries()].map(([entity, v]) => ({ entity, ...v })).sort((a, b) => b.registered - a.registered),
    byInstrument: countBy(
      ["PDT", "PISCC", "other"],
      commitments.map((c) => c.instrument),
    ),
    byTheme: countBy(
      ["trafficking", "smuggling", "both", "other"],
      commitments.map((c) => c.theme),
    ),
    byStatus: countBy(
      ["proposed", "in_progress", "done", "at_risk", "dropped"],
      commitments.map((c) => c.status),
    ),
  };
}

type CrossRows = {
  commitments: { city_id: number; status: CommitmentStatus; due_date: string; created_at: string; done_at: unknown }[];
  attendance: { city_id: number; encounter_id: number }[];
};

/** Each city's progress across encounters, and the trend by quarter, from the compact rows. */
export function tallyAcross(
  cities: CityRow[],
  commitments: CrossRows["commitments"],
  attendance: CrossRows["attendance"],
  encounters: number,
  today: string,
): CrossReport {
  const byCity = new Map<number, CityProgress>(
    cities.map((c) => [c.cityId, { ...c, encountersAttended: 0, commitments: 0, done: 0, inProgress: 0, overdue: 0, doneOnTime: 0, onTimeShare: null }]),
  );
  const attended = new Map<number, Set<number>>();
  for (const a of attendance) {
    const set = attended.get(a.city_id) ?? new Set<number>();
    set.add(a.encounter_id);
    attended.set(a.city_id, set);
  }
  for (const [cityId, set] of attended) {
    const city = byCity.get(cityId);
    if (city) city.encountersAttended = set.size;
  }
  const dueOrDone = new Map<number, number>();
  const trend = new Map<string, { made: number; done: number }>();
  for (const c of commitments) {
    const city = byCity.get(c.city_id);
    if (!city) continue;
    city.commitments += 1;
    const isDone = c.status === "done";
    if (isDone) city.done += 1;
    if (c.status === "in_progress" || c.status === "at_risk") city.inProgress += 1;
    if (!isDone && c.status !== "dropped" && c.due_date < today) city.overdue += 1;
    const doneAt = typeof c.done_at === "string" ? c.done_at.slice(0, 10) : null;
    if (isDone && doneAt && doneAt <= c.due_date) city.doneOnTime += 1;
    if (isDone || c.due_date < today) dueOrDone.set(c.city_id, (dueOrDone.get(c.city_id) ?? 0) + 1);
    const made = trend.get(quarterOf(c.created_at)) ?? { made: 0, done: 0 };
    made.made += 1;
    trend.set(quarterOf(c.created_at), made);
    if (isDone && doneAt) {
      const done = trend.get(quarterOf(doneAt)) ?? { made: 0, done: 0 };
      done.done += 1;
      trend.set(quarterOf(doneAt), done);
    }
  }
  for (const city of byCity.values()) {
    const base = dueOrDone.get(city.cityId) ?? 0;
    city.onTimeShare = base > 0 ? city.doneOnTime / base : null;
  }
  const list = [...byCity.values()];
  return {
    cities: list,
    trend: [...trend.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([period, v]) => ({ period, ...v })),
    totals: {
      commitments: commitments.length,
      done: list.reduce((n, c) => n + c.done, 0),
      overdue: list.reduce((n, c) => n + c.overdue, 0),
      encounters,
    },
  };
}
