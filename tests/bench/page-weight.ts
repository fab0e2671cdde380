import { launchBrowser, startApp } from "../e2e/harness";
import type { BenchResult } from "./run";

// What a first visit to the public agenda downloads in JavaScript, as Chromium received it
// (compressed bytes on the wire, every script the page loads, module preloads included), with
// an empty cache. The goal (#17) is 90 KB at most. `npm run bench page-weight`.

const pagePath = "/encuentros/bogota-2024/agenda";
const goalKb = 90;

export async function benchPageWeight(): Promise<BenchResult> {
  const app = await startApp();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ locale: "es-CO" });
    const page = await context.newPage();
    const scripts: Promise<{ url: string; bytes: number }>[] = [];
    page.on("requestfinished", (request) => {
      if (request.resourceType() !== "script") return;
      scripts.push(request.sizes().then((sizes) => ({ url: request.url(), bytes: sizes.responseBodySize })));
    });
    await page.goto(`${app.baseUrl}${pagePath}`, { waitUntil: "networkidle" });
    const loaded = await Promise.all(scripts);
    const total = loaded.reduce((sum, script) => sum + script.bytes, 0);
    const largest = [...loaded].sort((a, b) => b.bytes - a.bytes).slice(0, 3);
    await context.close();
    return {
      name: "public agenda, JavaScript of a first visit",
      value: Math.round(total / 102.4) / 10,
      unit: "KB compressed",
      goal: { max: goalKb },
      details: `${loaded.length} scripts; largest ${largest.map((s) => `${s.url.split("/").pop()} ${(s.bytes / 1024).toFixed(1)} KB`).join(", ")}`,
    };
  } finally {
    await browser.close();
    await app.stop();
  }
}
