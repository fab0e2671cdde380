// Background work that runs every so often in this process (the follow-up scheduler, the
// invitations' reminders): one run at a time, the next one `intervalMs` after the last ended,
// one per process however often it is started (the Remix build and the server import separate
// copies of a module, so the running one is kept on globalThis under `name`).

export type StopPeriodic = () => Promise<void>;

type Holder = Record<symbol, StopPeriodic | undefined>;

/**
 * Calls `run` `firstRunMs` after start, then `intervalMs` after each run ends, until stopped.
 * A run that throws is logged and the next one comes as usual. A second start under the same
 * name returns the first one's stop; resolving stop() means the run in flight has finished.
 */
export function startPeriodic(
  name: string,
  run: () => Promise<void>,
  timing: { intervalMs: number; firstRunMs: number; onError: (error: unknown) => void },
): StopPeriodic {
  const key = Symbol.for(name);
  const holder = globalThis as unknown as Holder;
  const running = holder[key];
  if (running) return running;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<void> | null = null;
  const tick = () => {
    timer = null;
    inFlight = run().catch(timing.onError);
    void inFlight.finally(() => {
      inFlight = null;
      if (!stopped) timer = setTimeout(tick, timing.intervalMs);
    });
  };
  timer = setTimeout(tick, timing.firstRunMs);
  const stop: StopPeriodic = async () => {
    if (holder[key] === stop) holder[key] = undefined;
    stopped = true;
    if (timer) clearTimeout(timer);
    await inFlight;
  };
  holder[key] = stop;
  return stop;
}
