import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import {
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { defaultLocale, useT, type Locale, type PickedMessages } from "~/i18n/index";
import { pickMessages } from "~/i18n/catalog.server";
import { getLocale } from "~/i18n/locale.server";
import { messagePathsFor } from "~/i18n/pages";
import { unreachable } from "~/i18n/unreachable";
import { consumeFlash } from "~/server/flash.server";
import styles from "~/styles/app.css";
import { getOrganizer, getParticipant } from "~/server/auth.server";
import { useNonce } from "~/lib/nonce";
import { refusalFor } from "~/lib/refusals";
import { isLightPage } from "~/lib/light-page";
import { lightScriptSrc } from "~/server/light-script.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, organizer, participant, { flash, headers }] = await Promise.all([
    getLocale(request),
    getOrganizer(request),
    getParticipant(request),
    consumeFlash(request),
  ]);
  return data(
    {
      locale,
      // Only this page's messages, in its language: the catalog itself never reaches the browser.
      messages: pickMessages(locale, messagePathsFor(new URL(request.url).pathname)),
      organizer: organizer ? { name: organizer.name } : null,
      participant: participant ? { email: participant.email } : null,
      /** The one-time message of the redirect that led here (redirectWithFlash), cleared by `headers`. */
      flash,
    },
    { headers },
  );
}

/**
 * The message of redirectWithFlash ("Los cambios se guardaron."), the one way a page says what
 * the last action did. Shown once: with single fetch the root loader runs again on every
 * navigation, and answers without it.
 */
function FlashBanner({ data }: { data: RootData | undefined }) {
  return data?.flash ? (
    <p className="alert alert--ok" role="status">
      {data.flash}
    </p>
  ) : null;
}

// A navigation to a page that needs other messages asks the root loader again for them.
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  defaultShouldRevalidate || messagePathsFor(currentUrl.pathname).join() !== messagePathsFor(nextUrl.pathname).join();

type RootData = {
  locale: Locale;
  messages: PickedMessages;
  organizer: { name: string } | null;
  participant: { email: string } | null;
  flash: string | null;
};

function Header({ data }: { data: RootData | undefined }) {
  const locale = data?.locale ?? defaultLocale;
  const t = useT();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand">
          <span className="brand__name">{t.meta.appName}</span>
          <span className="brand__tagline">{t.meta.tagline}</span>
        </Link>
        <nav aria-label={t.nav.mainMenu} className="site-nav">
          <Link to="/">{t.nav.home}</Link>
          {data?.organizer ? <Link to="/admin">{t.nav.admin}</Link> : null}
          {data?.participant ? <Link to="/mi-ciudad/compromisos">{t.nav.myCity}</Link> : null}
          {data?.participant ? <Link to="/mi-cuenta">{t.account.title}</Link> : null}
          {data?.organizer ? <Link to="/admin/cuenta">{t.organizers.account.nav}</Link> : null}
          {data?.organizer || data?.participant ? (
            <Form method="post" action="/salir" className="inline-form">
              <button type="submit" className="link-button">
                {t.nav.signOut}
              </button>
            </Form>
          ) : (
            <Link to="/ingresar">{t.nav.signIn}</Link>
          )}
          <Form method="post" action="/idioma" className="inline-form">
            <input type="hidden" name="redirectTo" value={here} />
            <input type="hidden" name="lang" value={locale === "es" ? "en" : "es"} />
            <button type="submit" className="link-button" lang={locale === "es" ? "en" : "es"} aria-label={`${t.nav.language}: ${t.nav.switchTo}`}>
              {t.nav.switchTo}
            </button>
          </Form>
        </nav>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const nonce = useNonce();
  // Without the root's data (its loader failed) there are no messages: a bare frame then.
  if (!data) return <BareLayout nonce={nonce}>{children}</BareLayout>;
  return (
    <TranslatedLayout nonce={nonce} data={data}>
      {children}
    </TranslatedLayout>
  );
}

function BareLayout({ children, nonce }: { children: ReactNode; nonce: string | undefined }) {
  return (
    <html lang="es-CO">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <main id="main" tabIndex={-1} className="site-main">
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function TranslatedLayout({ children, nonce, data }: { children: ReactNode; nonce: string | undefined; data: RootData }) {
  const t = useT();
  return (
    <html lang={t.meta.lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          {t.nav.skip}
        </a>
        <Header data={data} />
        <main id="main" tabIndex={-1} className="site-main">
          <FlashBanner data={data} />
          {children}
        </main>
        <footer className="site-footer">
          <p>
            {t.meta.appName} · {t.meta.tagline} · <Link to="/privacidad">{t.nav.privacy}</Link>
          </p>
        </footer>
        <PageScripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * The app's scripts, or on a light page's first visit only the light script (app/lib/light-page.ts).
 * Only the server renders a page light: in the browser the app already runs, and keeps its scripts.
 */
function PageScripts({ nonce }: { nonce: string | undefined }) {
  const light = isLightPage(useMatches()) && typeof document === "undefined";
  if (light) return <script src={lightScriptSrc} defer />;
  return (
    <>
      <ScrollRestoration nonce={nonce} />
      <Scripts nonce={nonce} />
    </>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<RootData>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!data) return <UnreachableError status={status} />;
  return <TranslatedError status={status} error={error} locale={data.locale} />;
}

/** The root loader failed: no messages reached the page, only the few words it always carries. */
function UnreachableError({ status }: { status: number }) {
  const location = useLocation();
  const words = unreachable[defaultLocale];
  return (
    <section className="error-page">
      <p className="error-page__status">{status}</p>
      <h1>{words.errorTitle}</h1>
      <p>{words.errorBody}</p>
      <p lang="en">{unreachable.en.errorBody}</p>
      <p className="error-page__steps">
        <a href={location.pathname} className="button">
          {words.retry}
        </a>
      </p>
    </section>
  );
}

function TranslatedError({ status, error, locale }: { status: number; error: unknown; locale: Locale }) {
  const t = useT();
  const location = useLocation();
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : null;
  const refusal = refusalFor(t, { status, pathname: location.pathname, detail, spanish: locale === "es" });
  return (
    <section className="error-page">
      <p className="error-page__status">{status}</p>
      <h1>{refusal.title}</h1>
      <p>{refusal.body}</p>
      <p className="error-page__steps">
        {refusal.steps.map((step, i) =>
          // The first step is the one to take; "Volver a intentar" reloads the page itself.
          step.href === location.pathname ? (
            <a key={step.href} href={step.href} className={i === 0 ? "button" : undefined}>
              {step.label}
            </a>
          ) : (
            <Link key={step.href} to={step.href} className={i === 0 ? "button" : undefined}>
              {step.label}
            </Link>
          ),
        )}
      </p>
    </section>
  );
}
