import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { plural } from "~/i18n/index";
import { messagesFor, pickMessages } from "~/i18n/catalog.server";
import { messagePathsFor } from "~/i18n/pages";

// Only the active language, and only the areas a page uses, reach the browser: the root
// loader sends pickMessages(locale, messagePathsFor(address)), and nothing else of the catalog.

const areaNames = Object.keys(messagesFor("es"));

describe("the messages a page gets", () => {
  it("are in one language only, and only the areas asked for", () => {
    const picked = pickMessages("es", ["scheduling", "common"]);
    expect(Object.keys(picked).sort()).toEqual(["common", "scheduling"]);
    const json = JSON.stringify(picked);
    expect(json).toContain(messagesFor("es").common.formHasErrors);
    expect(json).not.toContain(messagesFor("en").common.formHasErrors);
    expect(json).not.toContain(messagesFor("en").scheduling.editor.notice.venueToConfirm);
    expect(JSON.stringify(pickMessages("en", ["scheduling"]))).not.toContain(messagesFor("es").scheduling.editor.notice.venueToConfirm);
  });

  it("take one label of a large area without the rest, and never change the catalog", () => {
    const label = pickMessages("en", ["organizers.account.nav"]);
    expect(label).toEqual({ organizers: { account: { nav: messagesFor("en").organizers.account.nav } } });
    const whole = pickMessages("en", ["organizers.account.nav", "organizers"]);
    expect(whole.organizers).toBe(messagesFor("en").organizers);
    expect(Object.keys(messagesFor("en").organizers).length).toBeGreaterThan(1);
    expect(() => pickMessages("es", ["nowhere"])).toThrow(/nowhere/);
  });

  it("leave the organizer area's messages out of the public agenda", () => {
    const paths = messagePathsFor("/encuentros/bogota-2024/agenda");
    for (const adminArea of ["organizers", "reports", "people", "cityAuthority", "admin"]) expect(paths).not.toContain(adminArea);
    const json = JSON.stringify(pickMessages("es", paths));
    expect(json).not.toContain(messagesFor("es").organizers.create);
    expect(json).not.toContain(messagesFor("en").nav.skip);
  });

  it("cover every area each route's page reads (its file and the components it imports)", () => {
    const routes = path.resolve("app/routes");
    const agendaReads = [...areasRead(path.join(routes, "encuentros.$slug.agenda.tsx"))];
    expect(agendaReads.filter((read) => read.startsWith("scheduling"))).toEqual(["scheduling.public"]);
    expect(samplePath("admin.encuentros.$slug.registros_.$id.tsx")).toBe("/admin/encuentros/x/registros/x");
    const missing: string[] = [];
    // A route is a flat file (routes/x.tsx) or a folder (routes/x/route.tsx and its parts).
    for (const entry of fs.readdirSync(routes)) {
      const file = /\.tsx?$/.test(entry) ? path.join(routes, entry) : path.join(routes, entry, "route.tsx");
      if (!fs.existsSync(file)) continue;
      const sent = new Set(messagePathsFor(samplePath(entry)));
      // A read of one part of an area ("scheduling.public") is covered by that part or the whole area.
      const covered = (read: string) => sent.has(read) || sent.has(read.split(".")[0]);
      for (const read of areasRead(file)) if (!covered(read)) missing.push(`${entry}: ${read}`);
    }
    expect(missing).toEqual([]);
  });
});

describe("plural", () => {
  const forms = { one: "{count} cupo", other: "{count} cupos" };
  it("chooses the form by each language's Intl.PluralRules", () => {
    expect(plural("es", forms, 1)).toBe("1 cupo");
    expect(plural("es", forms, 0)).toBe("0 cupos");
    expect(plural("es", forms, 2)).toBe("2 cupos");
    expect(plural("es", forms, 1_000_000)).toBe("1000000 cupos"); // Spanish "many" is written as "other"
    const en = { one: "{count} place", other: "{count} places" };
    expect(plural("en", en, 1)).toBe("1 place");
    expect(plural("en", en, 0)).toBe("0 places");
    expect(plural("en", en, 1.5)).toBe("1.5 places");
    expect(plural("en", { one: "{who} has {count} place", other: "{who} has {count} places" }, 1, { who: "Ana" })).toBe("Ana has 1 place");
  });
});

/** An address the route answers, from its file or folder name ("admin.encuentros.$slug.registros_.$id.tsx"). */
function samplePath(file: string): string {
  const name = file.replace(/\.tsx?$/, "").replace(/\[[^\]]*\]/g, "");
  const segments = name
    .split(".")
    .filter((s) => s && s !== "_index")
    .map((s) => (s.startsWith("$") ? "x" : s.replace(/_$/, "")));
  return `/${segments.join("/")}`;
}

/** The catalog areas a module and the app modules it imports read as t.<area> or useT().<area>. */
function areasRead(file: string, seen = new Set<string>()): Set<string> {
  const found = new Set<string>();
  if (seen.has(file) || /\.server\.tsx?$/.test(file) || path.relative(path.resolve("app"), file).startsWith(`i18n${path.sep}`)) return found;
  seen.add(file);
  const source = fs.readFileSync(file, "utf8");
  // The catalog is read as t.<area>, useT().<area>, or through another name given to useT().
  const names = ["t", ...[...source.matchAll(/(\w+) = useT\(\);/g)].map((m) => m[1])];
  const reads = new RegExp(`(?:\\b(?:${names.join("|")})|useT\\(\\))\\.(\\w+)`, "g");
  for (const match of source.matchAll(reads)) {
    if (!areaNames.includes(match[1])) continue;
    // t.area.part reads that part; t.area alone may read all of it.
    const part = /^\.(\w+)/.exec(source.slice(match.index + match[0].length))?.[1];
    found.add(part ? `${match[1]}.${part}` : match[1]);
  }
  for (const match of source.matchAll(/from\s+"([^"]+)"/g)) {
    const imported = resolveAppModule(file, match[1]);
    if (imported) for (const area of areasRead(imported, seen)) found.add(area);
  }
  return found;
}

function resolveAppModule(from: string, specifier: string): string | null {
  const base = specifier.startsWith("~/")
    ? path.resolve("app", specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")];
  return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? null;
}
