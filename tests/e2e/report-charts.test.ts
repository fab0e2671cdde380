import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signInAsOrganizer, withAppAndBrowser } from "./helpers";

// The report charts as they are drawn at a phone's and a desk's width: every word on them at
// least 12 px as rendered (an SVG scaled down by its viewBox shrinks its text), a map legend
// that names every shade, and the quarter chart's numbers in the order of its legend.

const run = withAppAndBrowser();

/** The smallest rendered text size inside the charts, in CSS px, scaled SVG text included. */
async function smallestChartText(page: Page): Promise<{ px: number; text: string }> {
  return page.evaluate(() => {
    let smallest = { px: Infinity, text: "" };
    for (const chart of Array.from(document.querySelectorAll(".chart"))) {
      const walker = document.createTreeWalker(chart, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement!;
        if (!node.textContent?.trim() || element.closest(".visually-hidden") || element.closest("title")) continue;
        let px = parseFloat(getComputedStyle(element).fontSize);
        const svg = element.closest("svg");
        if (svg && svg.viewBox.baseVal && svg.viewBox.baseVal.width > 0) px *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        if (px < smallest.px) smallest = { px, text: node.textContent.trim() };
      }
    }
    return smallest;
  });
}

describe("report charts in a real browser", () => {
  for (const width of [390, 1280]) {
    it(`keeps every chart word at 12 px or more at ${width} px`, async () => {
      const context = await run.browser.newContext({ locale: "es-CO", viewport: { width, height: 900 } });
      const page = await context.newPage();
      await signInAsOrganizer(page, run.app.baseUrl);
      for (const path of ["/admin/encuentros/bogota-2024/informe", "/admin/informes"]) {
        await page.goto(`${run.app.baseUrl}${path}`);
        await page.locator(".chart").first().waitFor();
        const smallest = await smallestChartText(page);
        expect(smallest.px, `${path}: «${smallest.text}»`).toBeGreaterThanOrEqual(12);
      }
      await context.close();
    });
  }

  it("names every shade of the map in its legend, and writes the quarter numbers in the legend's order", async () => {
    const context = await run.browser.newContext({ locale: "es-CO", viewport: { width: 390, height: 900 } });
    const page = await context.newPage();
    await signInAsOrganizer(page, run.app.baseUrl);
    await page.goto(`${run.app.baseUrl}/admin/informes`);
    const map = page.locator("figure.chart--map");
    const shades = await map.locator("circle").evaluateAll((circles) => [...new Set(circles.map((c) => c.getAttribute("fill")))]);
    const legend = map.locator(".map__legend li");
    const legendShades = await legend.evaluateAll((items) => items.map((li) => getComputedStyle(li.querySelector("span")!).backgroundColor));
    const legendTexts = (await legend.allInnerTexts()).map((text) => text.trim());
    expect(legendTexts.length).toBeGreaterThanOrEqual(6);
    expect(legendTexts.every((text) => text.length > 0)).toBe(true);
    // Each marker's shade appears in the legend (compared as the browser resolves colours).
    const resolved = await page.evaluate(
      (fills) =>
        fills.map((fill) => {
          const probe = document.createElement("span");
          probe.style.background = fill ?? "";
          document.body.append(probe);
          const colour = getComputedStyle(probe).backgroundColor;
          probe.remove();
          return colour;
        }),
      shades,
    );
    for (const colour of resolved) expect(legendShades).toContain(colour);

    const trend = page.locator("figure.chart", { has: page.getByText("Compromisos por trimestre") });
    const order = (await trend.locator(".chart__legend li").allInnerTexts()).map((text) => text.trim());
    expect(order).toEqual(["Cumplidos", "Hechos"]);
    // The first number on each bar is the first series of the legend, as the table says.
    const rows = await trend.locator("table tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((cell) => cell.textContent ?? "")));
    const values = await trend.locator(".bars__value").allInnerTexts();
    expect(values).toEqual(rows.map((cells) => `${cells[1]} / ${cells[2]}`));
    const header = await trend.locator("table thead th").allInnerTexts();
    expect(header.slice(1)).toEqual(order);
    await context.close();
  });
});
