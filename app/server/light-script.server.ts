import { createHash } from "node:crypto";

// The one script of a light page (app/lib/light-page.ts), served by GET /light.js. It is the
// source of the function below, sent as it is: so the function reads nothing from outside its
// own body, and stays small (about 1 KB). What React does on the same markup when the page is
// reached inside the app (the print button, the session in progress) it does without React.

function lightPageScript(): void {
  // Print buttons carry data-print: the policy allows no inline handlers, so one listener serves all.
  document.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("[data-print]")) window.print();
  });
  // Controls that only work with a script (a print button) stay hidden in the HTML until one runs.
  document.querySelectorAll<HTMLElement>("[data-needs-script]").forEach((element) => {
    element.hidden = false;
  });
  // What is happening now, by the browser's clock, moving on by itself (duringAttributes).
  const during = (element: Element | null, now: string) => {
    const [from, until] = (element?.getAttribute("data-during") ?? "/").split("/");
    return Boolean(from) && from <= now && now < until;
  };
  const mark = () => {
    const now = new Date().toISOString();
    document.querySelectorAll<HTMLElement>("[data-during]").forEach((element) => {
      const on = during(element, now);
      if (element.dataset.nowClass) element.classList.toggle(element.dataset.nowClass, on);
      if (element.dataset.nowCurrent === undefined) return;
      if (on) element.setAttribute("aria-current", "time");
      else element.removeAttribute("aria-current");
    });
    document.querySelectorAll<HTMLElement>("[data-now-badge]").forEach((badge) => {
      badge.hidden = !during(badge.closest("[data-during]"), now);
    });
  };
  mark();
  setInterval(mark, 30_000);
}

export const lightScriptSource = `(${lightPageScript.toString()})();\n`;

/** Changes with the script: its address may then be cached for good. */
export const lightScriptVersion = createHash("sha256").update(lightScriptSource).digest("hex").slice(0, 12);

/** The address a light page loads its script from (only the server renders it: undefined in the browser). */
export const lightScriptSrc = `/light.js?v=${lightScriptVersion}`;
