import fs from "node:fs";
import type { RunningApp } from "../e2e/harness";
import { startBenchApp } from "./database";
import type { BenchResult } from "./run";

// A 100 MB material on a built server (`npm run build` first): uploaded through the organizer's
// form, then downloaded once at full speed and once by a client that stops reading for a while.
// Reports the download throughput and how much memory (RSS) the server gained meanwhile, which
// stays small only if the file streams with backpressure instead of piling up in memory.

const fileMb = 100;
const boundary = "----convoca-bench-materials";

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** Samples the server's RSS every 20 ms until stopped; returns the highest seen. */
function watchRss(pid: number) {
  let peak = rssOf(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 20);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssOf(pid));
  };
}

/** Signs in as the demo organizer (the server must have seeded the demo); returns the cookie. */
export async function signIn(app: RunningApp): Promise<string> {
  const res = await fetch(`${app.baseUrl}/ingresar`, {
    method: "POST",
    body: new URLSearchParams({ email: "organizadora@convoca.test", password: "convoca-demo", redirectTo: "/admin" }),
    redirect: "manual",
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`No se pudo ingresar como organizadora (${res.status})`);
  return cookie;
}

/** The multipart body of the upload form, generated while it is sent: a PDF header, then filler. */
function uploadBody(bytes: number, title: string): ReadableStream<Uint8Array> {
  const head = Buffer.from(
    [
      `--${boundary}`,
      'Content-Disposition: form-data; name="title"',
      "",
      title,
      `--${boundary}`,
      'Content-Disposition: form-data; name="language"',
      "",
      "es",
      `--${boundary}`,
      'Content-Disposition: form-data; name="visibility"',
      "",
      "public",
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="Prueba grande año.pdf"',
      "Content-Type: application/pdf",
      "",
      "%PDF-1.4\n",
    ].join("\r\n"),
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  let left = bytes - 9;
  let stage = 0;
  return new ReadableStream({
    pull(controller) {
      if (stage === 0) {
        controller.enqueue(head);
        stage = 1;
      } else if (left > 0) {
        const n = Math.min(left, chunk.length);
        controller.enqueue(n === chunk.length ? chunk : chunk.subarray(0, n));
        left -= n;
      } else if (stage === 1) {
        controller.enqueue(tail);
        stage = 2;
      } else controller.close();
    },
  });
}

/** Uploads a public material of `bytes` through the organizer's form; returns its id. */
export async function uploadMaterial(app: RunningApp, cookie: string, bytes: number, title: string): Promise<number> {
  const upload = await fetch(`${app.baseUrl}/admin/materiales`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": `multipart/form-data; boundary=${boundary}` },
    body: uploadBody(bytes, title),
    duplex: "half",
    redirect: "manual",
  } as RequestInit);
  const location = upload.headers.get("location") ?? "";
  const id = /\/admin\/materiales\/(\d+)/.exec(location)?.[1];
  if (upload.status !== 302 || !id) throw new Error(`La subida falló (${upload.status}): ${await upload.text()}`);
  return Number(id);
}

async function drain(res: Response, pauseAfterBytes?: number, pauseMs = 0): Promise<number> {
  const reader = res.body!.getReader();
  let total = 0;
  let paused = pauseAfterBytes === undefined;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return total;
    total += value.byteLength;
    if (!paused && total >= pauseAfterBytes!) {
      paused = true;
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  }
}

export async function benchMaterials(): Promise<BenchResult> {
  if (!fs.existsSync("build/index.js") && !fs.existsSync("build/server/index.js")) {
    throw new Error("Falta la compilación: ejecute `npm run build` antes de `npm run bench`.");
  }
  const app = await startBenchApp({ MAX_UPLOAD_MB: String(fileMb + 10), MAIL_WORKER: "off" });
  try {
    const pid = app.process.pid!;
    const cookie = await signIn(app);
    const bytes = fileMb * 1024 * 1024;

    const uploadStart = performance.now();
    const id = await uploadMaterial(app, cookie, bytes, "Archivo de prueba de 100 MB");
    const uploadSeconds = (performance.now() - uploadStart) / 1000;

    // Let the upload's garbage settle before taking the baseline.
    await new Promise((r) => setTimeout(r, 500));
    const before = rssOf(pid);
    const stop = watchRss(pid);

    const start = performance.now();
    const full = await fetch(`${app.baseUrl}/materiales/${id}/descargar`);
    const received = await drain(full);
    const seconds = (performance.now() - start) / 1000;
    if (full.status !== 200 || received !== bytes) throw new Error(`Descarga incompleta: ${full.status}, ${received} de ${bytes} bytes`);

    // A slow client: reads 10 MB, stops for two seconds, then reads the rest.
    const slow = await fetch(`${app.baseUrl}/materiales/${id}/descargar`);
    const slowReceived = await drain(slow, 10 * 1024 * 1024, 2000);
    if (slowReceived !== bytes) throw new Error(`Descarga lenta incompleta: ${slowReceived} de ${bytes} bytes`);

    const peak = stop();
    const mbPerSecond = fileMb / seconds;
    const gainedMb = Math.max(0, peak - before) / 1024 / 1024;
    return {
      name: "materials",
      value: Math.round(mbPerSecond),
      unit: "MB/s downloading a 100 MB file",
      details: `server RSS gained ${gainedMb.toFixed(1)} MB during a full-speed and a paused download (baseline ${(before / 1024 / 1024).toFixed(0)} MB); upload of the same file ${(fileMb / uploadSeconds).toFixed(0)} MB/s`,
    };
  } finally {
    await app.stop();
  }
}

/** Runs this benchmark alone and prints its line: `npx tsx -e "import('./tests/bench/materials.ts').then(m => m.run())"`. */
export async function run(): Promise<void> {
  const result = await benchMaterials();
  console.log(`${result.name}: ${result.value} ${result.unit}${result.details ? ` — ${result.details}` : ""}`);
}
