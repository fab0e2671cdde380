import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { Locale } from "~db/schema";
import { strings } from "~/i18n/mail/layout";

// One layout for every message: the encounter's name at the top, the body, and a footer that
// says who sends this and why. Inline styles only, no images, fonts or scripts from the web:
// mail clients block remote content, and nothing should track whether a message was opened.

const colors = { ink: "#1f2933", muted: "#52606d", accent: "#0b5394", line: "#d9e2ec", page: "#f5f7fa" };

const styles = {
  body: { backgroundColor: colors.page, color: colors.ink, fontFamily: "Arial, Helvetica, sans-serif", margin: 0 },
  container: { backgroundColor: "#ffffff", maxWidth: "600px", margin: "24px auto", padding: "24px 32px" },
  brand: { color: colors.muted, fontSize: "13px", margin: "0 0 4px" },
  encounter: { color: colors.accent, fontSize: "18px", lineHeight: "24px", margin: "0 0 16px" },
  heading: { fontSize: "22px", lineHeight: "28px", margin: "16px 0" },
  text: { fontSize: "15px", lineHeight: "22px", margin: "0 0 12px" },
  button: {
    backgroundColor: colors.accent,
    borderRadius: "4px",
    color: "#ffffff",
    display: "inline-block",
    fontSize: "15px",
    fontWeight: "bold",
    padding: "12px 20px",
    textDecoration: "none",
  },
  fallbackLink: { color: colors.muted, fontSize: "13px", lineHeight: "18px", wordBreak: "break-all" as const },
  label: { color: colors.muted, fontSize: "13px" },
  value: { fontSize: "15px", lineHeight: "22px", margin: "0 0 8px" },
  footer: { color: colors.muted, fontSize: "12px", lineHeight: "18px", margin: "0 0 6px" },
};

export function EmailLayout(props: {
  locale: Locale;
  preview: string;
  heading: string;
  encounterTitle?: string;
  encounterUrl?: string;
  /** The reader's link to stop messages and reminders, when the mail goes to a registrant. */
  stopUrl?: string;
  children: ReactNode;
}) {
  const t = strings[props.locale];
  return (
    <Html lang={props.locale}>
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>{t.brand}</Text>
          {props.encounterTitle ? (
            <Heading as="h2" style={styles.encounter}>
              {props.encounterUrl ? (
                <Link href={props.encounterUrl} style={{ color: colors.accent }}>
                  {props.encounterTitle}
                </Link>
              ) : (
                props.encounterTitle
              )}
            </Heading>
          ) : null}
          <Hr style={{ borderColor: colors.line }} />
          <Heading as="h1" style={styles.heading}>
            {props.heading}
          </Heading>
          {props.children}
          <Hr style={{ borderColor: colors.line, marginTop: "24px" }} />
          <Text style={styles.footer}>{t.footer}</Text>
          {props.stopUrl ? (
            <Text style={styles.footer}>
              {t.stopMessages}{" "}
              <Link href={props.stopUrl} style={{ color: colors.muted }}>
                {t.stopMessagesLink}
              </Link>
              . {t.stopMessagesStill}
            </Text>
          ) : null}
          <Text style={styles.footer}>{t.automatic}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export function P({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>;
}

/** A button, and the same address written out for clients that do not show buttons. */
export function Action({ href, label, locale }: { href: string; label: string; locale: Locale }) {
  return (
    <Section style={{ margin: "20px 0" }}>
      <Button href={href} style={styles.button}>
        {label}
      </Button>
      <Text style={styles.fallbackLink} data-skip-in-text="true">
        {strings[locale].fallback} {href}
      </Text>
    </Section>
  );
}

/** Label/value pairs (date, place, due date...). */
export function Details({ items }: { items: Array<[label: string, value: string | undefined]> }) {
  return (
    <Section style={{ margin: "12px 0 16px" }}>
      {items
        .filter((item): item is [string, string] => Boolean(item[1]))
        .map(([label, value]) => (
          // One paragraph per pair, so that the plain-text version reads "Fecha" / value together.
          <Text key={label} style={styles.value}>
            <span style={styles.label}>{label}</span>
            <br />
            {value}
          </Text>
        ))}
    </Section>
  );
}
