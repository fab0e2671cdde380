// Which messages each page gets, by address. The root loader sends the browser these, in the
// active language only (pickMessages in catalog.server.ts); a page reading an area not listed
// here fails loudly (useT), and tests/i18n-pages.test.ts checks every route against this table.
// A path is an area of the catalog ("registration") or a label inside one.

/** What every page's frame (header, footer, error page, form errors) uses. */
const shell = ["meta", "nav", "common", "errors", "account.title", "organizers.account.nav"];

// Each row: address segments ("*" is any one segment; "$" at the end means exactly these),
// then the areas every page under it needs. Every matching row counts.
const table: Array<[string, string[]]> = [
  ["/$", ["home"]],
  ["/encuentros/*$", ["encounter"]],
  ["/encuentros/*/agenda", ["agenda", "encounter", "scheduling.public"]],
  ["/encuentros/*/compromisos", ["commitments", "reports"]],
  ["/encuentros/*/compromisos/nuevo", ["cityAuthority"]],
  ["/encuentros/*/materiales", ["materials", "minutes.nav", "minutes.general"]],
  ["/encuentros/*/relatoria", ["minutes"]],
  ["/encuentros/*/registro", ["questions", "registration", "registrationHome"]],
  ["/ingresar", ["signIn"]],
  ["/inscripcion", ["account", "agenda", "certificates", "messages.received", "questions", "registration", "registrationHome", "surveys.answer"]],
  ["/confirmar-datos", ["registrationHome", "registration.errors"]],
  ["/mensajes", ["messages.stop"]],
  ["/mi-cuenta", ["account", "certificates", "registration"]],
  ["/mi-ciudad", ["cityAuthority", "commitments", "cities.roster"]],
  ["/mi-ciudad/directorio", ["cities"]],
  ["/compromisos", ["admin", "cityAuthority", "commitments"]],
  ["/seguimiento", ["commitments"]],
  ["/delegacion", ["invitations", "questions", "words.registrationStatuses"]],
  ["/privacidad", ["privacy"]],
  ["/verificar", ["certificates"]],
  ["/admin", ["admin", "cities.nav", "commitments", "materials", "organizers", "people"]],
  ["/admin$", ["registration", "scheduling"]],
  ["/admin/compromisos", ["cityAuthority"]],
  ["/admin/correo", ["mailbox", "words.outboxStatuses"]],
  ["/admin/cuenta", ["account"]],
  ["/admin/ciudades", ["cities"]],
  ["/admin/encuentros", ["scheduling", "words.cityTerms"]],
  ["/admin/encuentros/*$", ["certificates.nav", "messages.nav", "minutes.nav", "questions.nav", "surveys.nav"]],
  ["/admin/encuentros/*/certificado", ["certificates"]],
  ["/admin/encuentros/*/relatoria", ["minutes"]],
  ["/admin/encuentros/*/encuestas", ["questions", "surveys"]],
  ["/encuentros/*/encuesta", ["questions", "surveys"]],
  ["/admin/encuentros/*/preguntas", ["questions"]],
  ["/admin/encuentros/*/agenda", ["agenda"]],
  ["/admin/encuentros/*/mensajes", ["messages"]],
  ["/admin/encuentros/*/acreditacion", ["registration"]],
  ["/admin/encuentros/*/registros", ["cityAuthority", "questions", "registration", "registrationHome"]],
  ["/admin/encuentros/*/informe", ["certificates", "questions", "reports"]],
  ["/admin/encuentros/*/invitaciones", ["invitations"]],
  ["/admin/informes", ["reports"]],
];

function segments(path: string): string[] {
  return path.split("/").filter(Boolean);
}

function matches(pattern: string, path: string[]): boolean {
  const exact = pattern.endsWith("$");
  const want = segments(exact ? pattern.slice(0, -1) : pattern);
  if (exact ? path.length !== want.length : path.length < want.length) return false;
  return want.every((segment, i) => segment === "*" || segment === path[i]);
}

/** The catalog paths the page at this address uses, shell included, sorted and unique. */
export function messagePathsFor(pathname: string): string[] {
  const path = segments(pathname);
  const paths = new Set(shell);
  for (const [pattern, areas] of table) if (matches(pattern, path)) for (const area of areas) paths.add(area);
  return [...paths].sort();
}
