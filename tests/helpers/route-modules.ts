// Every route module of the app, flat (`routes/x.tsx`) or a folder (`routes/x/route.tsx`, with
// its actions and tables beside it), by its route name ("admin.materiales.$id"). The access
// matrix and the robustness suite read them from here, so a route that becomes a folder stays
// covered.

export type RouteModule = { loader?: (args: any) => unknown; action?: (args: any) => unknown };

const flat = import.meta.glob<RouteModule>("../../app/routes/*.tsx", { eager: true });
const folders = import.meta.glob<RouteModule>("../../app/routes/*/route.tsx", { eager: true });
const flatSources = import.meta.glob<string>("../../app/routes/*.tsx", { eager: true, query: "?raw", import: "default" });
const folderSources = import.meta.glob<string>("../../app/routes/*/*.{ts,tsx}", { eager: true, query: "?raw", import: "default" });

const routeName = (file: string) =>
  file
    .replace(/^.*routes\//, "")
    .replace(/\/route\.tsx$/, "")
    .replace(/\.tsx$/, "");

export const routeModules: Record<string, RouteModule> = Object.fromEntries(
  Object.entries({ ...flat, ...folders }).map(([file, mod]) => [routeName(file), mod]),
);

/** A route's source: the flat file, or every file of its folder (its actions name its intents too). */
export const routeSources: Record<string, string> = { ...Object.fromEntries(Object.entries(flatSources).map(([file, text]) => [routeName(file), text])) };
for (const [file, text] of Object.entries(folderSources)) {
  const name = file.replace(/^.*routes\//, "").replace(/\/[^/]+$/, "");
  routeSources[name] = (routeSources[name] ?? "") + "\n" + text;
}
