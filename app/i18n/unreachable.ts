// The one page the browser must be able to show with no messages sent: the error page when the
// root loader itself failed (the database is down, say), so nothing else of the catalog arrived.
// These few words ship in the page's scripts; the catalog takes them from here, so they exist once.
type Words = { errorTitle: string; errorBody: string; retry: string };

export const unreachable: { es: Words; en: Words } = {
  es: { errorTitle: "Algo salió mal", errorBody: "Tuvimos un problema al mostrar esta página. Intente de nuevo en unos minutos.", retry: "Volver a intentar" },
  en: { errorTitle: "Something went wrong", errorBody: "We had a problem showing this page. Please try again in a few minutes.", retry: "Try again" },
};
