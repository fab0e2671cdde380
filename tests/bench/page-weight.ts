import type { Browser, BrowserContext } from "playwright-core";
import { launchBrowser, startApp } from "../e2e/harness";
import type { BenchResult } from "./run";

// What a first visit to a public page costs a phone, measured in Chromium with an empty cache
// (a new browser context per visit). Goals of #17, on the public agenda:
// 1. its JavaScript, as Chromium received it (compressed bytes on the wire, every script the
//    page loads, module preloads included): at most 90 KB;
// 2. with the network throttled to 400 ms round trip and 50 KB/s (CDP
//    Network.emulateNetworkConditions: 400 ms until each answer's headers, 50,000 bytes a second
//    shared by all downloads), the time until the page's load event (HTML, stylesheet and every
//    script fetched and run): at most 2.5 s, the median of a few visits.
// The other public pages are listed beside them; the registration form is the public page
// that runs the app (app/lib/light-page.ts). `npm run bench page-weight`.

const agenda = "/encuentros/bogota-2024/agenda";
const others: Record<string, string> = {
  home: "/",
  encounter: "/encuentros/bogota-2024",
  materials: "/encuentros/bogota-2024/materiales",
  registration: "/encuentros/seguimiento/registro",
};
const slowNetwork = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const slowVisits = 5;

interface Visit {
  scripts: { url: string; bytes: number }[];
  /** Compressed bytes of everything the page fetched (HTML, stylesheet, scripts). */
  bytes: number;
  loadMs: number;
}

async function visit(browser: Browser, url: string, throttled: boolean): Promise<Visit> {
  const context: BrowserContext = await browser.newContext({ locale: "es-CO" });
  try {
    const page = await context.newPage();
    if (throttled) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", slowNetwork);
    }
    const fetched: Promise<{ url: string; type: string; bytes: number }>[] = [];
    page.on("requestfinished", (request) => {
      fetched.push(request.sizes().then((sizes) => ({ url: request.url(), type: request.resourceType(), bytes: sizes.responseBodySize })));
    });
    await page.goto(url, { waitUntil: throttled ? "load" : "networkidle" });
    const loadMs = await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd);
    const all = await Promise.all(fetched);
    return {
      scripts: all.filter((f) => f.type === "script").map(({ url, bytes }) => ({ url, bytes })),
      bytes: all.reduce((sum, f) => sum + f.bytes, 0),
      loadMs,
    };
  } finally {
    await context.close();
  }
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const scriptBytes = (v: Visit) => v.scripts.reduce((sum, s) => sum + s.bytes, 0);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function slowLoads(browser: Browser, url: string): Promise<{ median: number; min: number; max: number; bytes: number }> {
  const loads: Visit[] = [];
  for (let i = 0; i < slowVisits; i++) loads.push(await visit(browser, url, true));
  const times = loads.map((v) => v.loadMs / 1000);
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), bytes: median(loads.map((v) => v.bytes)) };
}

export async function benchPageWeight(): Promise<BenchResult[]> {
  const app = await startApp();
  const browser = await launchBrowser();
  try {
    const first = await visit(browser, `${app.baseUrl}${agenda}`, false);
    const otherWeights: string[] = [];
    for (const [name, path] of Object.entries(others)) {
      const v = await visit(browser, `${app.baseUrl}${path}`, false);
      otherWeights.push(`${name} ${kb(scriptBytes(v))} KB (${v.scripts.length} scripts)`);
    }
    const largest = [...first.scripts].sort((a, b) => b.bytes - a.bytes).slice(0, 3);
    const slow = await slowLoads(browser, `${app.baseUrl}${agenda}`);
    const slowForm = await slowLoads(browser, `${app.baseUrl}${others.registration}`);
    const seconds = (n: number) => n.toFixed(2);
    return [
      {
        name: "public agenda, JavaScript of a first visit",
        value: kb(scriptBytes(first)),
        unit: "KB compressed",
        goal: { max: 90 },
        details:
          `${first.scripts.length} scripts` +
          (largest.length ? `; largest ${largest.map((s) => `${new URL(s.url).pathname.split("/").pop()} ${kb(s.bytes)} KB`).join(", ")}` : "") +
          `; other public pages: ${otherWeights.join(", ")}`,
      },
      {
        name: "public agenda, loaded on a slow phone network (400 ms, 50 KB/s)",
        value: Number(seconds(slow.median)),
        unit: "s to the load event (median)",
        goal: { max: 2.5 },
        details:
          `${slowVisits} visits ${seconds(slow.min)}–${seconds(slow.max)} s, ${kb(slow.bytes)} KB fetched; ` +
          `registration form (runs the app): ${seconds(slowForm.median)} s (${seconds(slowForm.min)}–${seconds(slowForm.max)}), ${kb(slowForm.bytes)} KB`,
      },
    ];
  } finally {
    await browser.close();
    await app.stop();
  }
}
