import { describe, expect, it } from "vitest";
import { withAppAndBrowser, citySearchBox } from "./helpers";

// Finding one's way on a phone: the city picker puts the city one starts typing first, and each
// session's "Agregar al calendario" link is named by what it shows (WCAG 2.5.3, label in name).

const run = withAppAndBrowser();

describe("wayfinding in a real browser, on a phone", () => {
  it("the city search offers Valledupar first for 'valle', before Cali (Valle del Cauca)", async () => {
    const context = await run.browser.newContext({ locale: "es-CO", viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${run.app.baseUrl}/encuentros/seguimiento/registro`);
    // Before the scripts load the field is a <select> (also a combobox to assistive technology);
    // the search box replaces it on hydration, so wait for the <input> itself, not the role.
    const city = citySearchBox(page.locator("main form"));
    await city.fill("valle");
    const options = page.getByRole("listbox").getByRole("option");
    await options.first().waitFor();
    const names = await options.allInnerTexts();
    expect(names[0]).toMatch(/^Valledupar/);
    expect(names.some((name) => name.startsWith("Cali"))).toBe(true);
    await city.press("Enter");
    expect(await city.inputValue()).toMatch(/^Valledupar/);
    await context.close();
  });

  it("each session's calendar link has an accessible name that starts with its visible text", async () => {
    const context = await run.browser.newContext({ locale: "es-CO", viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${run.app.baseUrl}/encuentros/bogota-2024/agenda`);
    const links = page.locator(".agenda-card__calendar a");
    const count = await links.count();
    expect(count).toBeGreaterThan(5);
    const titles = await page.locator(".agenda-card__title").allInnerTexts();
    for (let i = 0; i < count; i++) {
      const link = links.nth(i);
      // What is seen: the link's text without what only assistive technology reads.
      const shown = await link.evaluate((el) => {
        const copy = el.cloneNode(true) as HTMLElement;
        copy.querySelectorAll(".visually-hidden").forEach((hidden) => hidden.remove());
        return copy.textContent?.trim();
      });
      expect(shown).toBe("Agregar al calendario");
      // The name a voice-control user or a screen reader gets, as Chromium computes it.
      const escaped = titles[i].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const named = await page.getByRole("link", { name: new RegExp(`^Agregar al calendario\\s+«${escaped}» \\(\\.ics\\)$`) }).count();
      expect(named, await link.ariaSnapshot()).toBe(1);
    }
    expect(await page.getByRole("link", { name: /^Agregar al calendario/ }).count()).toBe(count);
    await context.close();
  });
});
