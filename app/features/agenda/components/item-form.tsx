import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useRef, useState } from "react";
import { agendaKinds, speakerRoles } from "~db/schema";
import { Field, FormErrors, SelectField, TextareaField } from "~/components/forms";
import { format, useLocale, useT } from "~/i18n/index";
import { limits, parseWallTime, speakerField } from "~/features/agenda/forms";
import { checkScheduledItem, type ScheduleIssue, type ScheduledItem } from "~/features/agenda/rules";
import { formatDate, formatTime } from "~/lib/time";
import { useHydrated } from "~/lib/use-hydrated";

// The form for one agenda item (add and edit), on the field kit (app/components/forms.tsx).
// Without JavaScript the server checks the schedule and answers with the warnings; with it,
// the same checks run while the organizer types, so a clash shows before pressing the button.

export interface AgendaFormEncounter {
  starts_at: string;
  ends_at: string;
  timezone: string;
}

export interface AgendaItemFormProps {
  intent: "create" | "save";
  itemId: number | null;
  encounter: AgendaFormEncounter;
  /** The rest of the agenda, for the live checks. */
  agenda: readonly ScheduledItem[];
  /** The item's fields as strings (agendaItemValues), or a new one's defaults. */
  defaultValue: Record<string, string>;
  /** The server's reply to the last send of this form: its errors, what was typed. */
  lastResult?: SubmissionResult<string[]>;
  /** The server's verdict on the last submission. */
  issues?: readonly ScheduleIssue[];
  submitLabel: string;
  dateBounds: { min: string; max: string };
}

function speakerRowsIn(values: Readonly<Record<string, unknown>>): number {
  let rows = 0;
  for (let i = 0; i < limits.speakers; i++) {
    if (values[speakerField(i, "name")] || values[speakerField(i, "organization")]) rows = i + 1;
  }
  return Math.min(limits.speakers, Math.max(2, rows + 1));
}

function candidateFrom(form: HTMLFormElement, itemId: number | null, zone: string): ScheduledItem | null {
  const data = new FormData(form);
  const text = (name: string) => {
    const value = data.get(name);
    return typeof value === "string" ? value.trim() : "";
  };
  const start = parseWallTime(text("date"), text("startTime"), zone);
  const end = parseWallTime(text("date"), text("endTime"), zone);
  if (!start.ok || !end.ok) return null;
  const kind = text("kind");
  const speakers: { name: string }[] = [];
  for (let i = 0; i < limits.speakers; i++) {
    const name = text(speakerField(i, "name"));
    if (name) speakers.push({ name });
  }
  return {
    id: itemId,
    title: text("title"),
    kind: (agendaKinds as readonly string[]).includes(kind) ? (kind as ScheduledItem["kind"]) : "panel",
    room: text("room"),
    starts_at: start.instant,
    ends_at: end.instant,
    speakers,
  };
}

/** The sentence for a scheduling problem, with times in the encounter's zone. */
export function useIssueText(encounter: AgendaFormEncounter): (issue: ScheduleIssue) => string {
  const w = useT().scheduling.editor.warnings;
  const locale = useLocale();
  const zone = encounter.timezone;
  const time = (other: { starts_at: string; ends_at: string }) => `${formatTime(other.starts_at, zone, locale)}–${formatTime(other.ends_at, zone, locale)}`;
  const sameDay = formatDate(encounter.starts_at, zone, locale) === formatDate(encounter.ends_at, zone, locale);
  const range = sameDay
    ? `${formatDate(encounter.starts_at, zone, locale)}, ${time(encounter)}`
    : `${formatDate(encounter.starts_at, zone, locale)} ${formatTime(encounter.starts_at, zone, locale)} – ${formatDate(encounter.ends_at, zone, locale)} ${formatTime(encounter.ends_at, zone, locale)}`;
  return (issue) => {
    switch (issue.code) {
      case "endBeforeStart":
        return w.endBeforeStart;
      case "outsideEncounter":
        return format(w.outsideEncounter, { range });
      case "roomOverlap":
        return format(w.roomOverlap, { room: issue.room, title: issue.other.title, time: time(issue.other) });
      case "personOverlap":
        return format(w.personOverlap, { person: issue.person, title: issue.other.title, time: time(issue.other) });
      case "plenaryBreakOverlap":
        return format(w.plenaryBreakOverlap, { title: issue.other.title, time: time(issue.other) });
    }
  };
}

export function ScheduleWarnings({
  issues,
  encounter,
  confirmable,
}: {
  issues: readonly ScheduleIssue[];
  encounter: AgendaFormEncounter;
  confirmable: boolean;
}) {
  const w = useT().scheduling.editor.warnings;
  const message = useIssueText(encounter);
  if (issues.length === 0) return null;
  const blocking = issues.filter((i) => i.blocking);
  const soft = issues.filter((i) => !i.blocking);
  return (
    <div className={`alert ${blocking.length ? "alert--error" : "alert--warn"} schedule-warnings`}>
      <p>
        <strong>{w.heading}</strong>
      </p>
      {blocking.length ? (
        <>
          <p>{w.blocking}</p>
          <ul>
            {blocking.map((issue) => (
              <li key={issue.key}>{message(issue)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {soft.length ? (
        <>
          <p>{w.confirmable}</p>
          <ul>
            {soft.map((issue) => (
              <li key={issue.key}>{message(issue)}</li>
            ))}
          </ul>
          {confirmable && blocking.length === 0 ? (
            <div className="checkbox">
              <input id="field-confirm" type="checkbox" name="confirm" value={soft.map((i) => i.key).join(" ")} />
              <label htmlFor="field-confirm">{w.confirm}</label>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

export function AgendaItemForm(props: AgendaItemFormProps) {
  const { intent, itemId, encounter, agenda, defaultValue, lastResult, submitLabel, dateBounds } = props;
  const t = useT();
  const e = t.scheduling.editor;
  const f = e.fields;
  const busy = useNavigation().state === "submitting";
  const formRef = useRef<HTMLFormElement>(null);
  const [form, fields] = useForm<Record<string, string>>({ id: "agenda-item", lastResult, defaultValue });
  const [rows, setRows] = useState(() => speakerRowsIn(lastResult?.initialValue ?? defaultValue));
  const [issues, setIssues] = useState<readonly ScheduleIssue[]>(props.issues ?? []);
  const hydrated = useHydrated();
  const kit = { messages: t.scheduling.errors };

  const recheck = () => {
    const form = formRef.current;
    if (!form) return;
    const candidate = candidateFrom(form, itemId, encounter.timezone);
    setIssues(candidate ? checkScheduledItem(encounter, candidate, agenda) : []);
  };

  return (
    // The browser's own checks (required, the encounter's days) stay on, as they were before the kit.
    <Form method="post" className="stack stack--wide agenda-form" ref={formRef} onChange={recheck} {...getFormProps(form)} noValidate={false}>
      <input type="hidden" name="intent" value={intent} />
      <FormErrors form={form} messages={t.scheduling.errors} />
      <Field {...kit} meta={fields.title} label={f.title} required maxLength={limits.title} />
      <div className="field-row">
        <SelectField {...kit} meta={fields.kind} label={f.kind} required options={agendaKinds.map((kind) => ({ value: kind, label: t.agenda.kinds[kind] }))} />
        <Field {...kit} meta={fields.room} label={f.room} hint={f.roomHint} maxLength={limits.room} />
      </div>
      <div className="field-row field-row--three">
        <Field {...kit} meta={fields.date} type="date" label={f.date} min={dateBounds.min} max={dateBounds.max} required />
        <Field {...kit} meta={fields.startTime} type="time" label={f.startTime} required />
        <Field {...kit} meta={fields.endTime} type="time" label={f.endTime} required />
      </div>
      <TextareaField {...kit} meta={fields.description} label={f.description} maxLength={limits.description} rows={3} />
      <fieldset className="speakers">
        <legend>{f.speakers}</legend>
        <p className="field__hint">{f.speakersHint}</p>
        {Array.from({ length: rows }, (_, i) => (
          <fieldset key={i} className="speaker-row">
            <legend className="speaker-row__legend">{format(f.person, { n: i + 1 })}</legend>
            <Field {...kit} meta={fields[speakerField(i, "name")]} label={f.name} maxLength={limits.speakerName} autoComplete="off" />
            <Field {...kit} meta={fields[speakerField(i, "organization")]} label={f.organization} maxLength={limits.speakerOrganization} autoComplete="off" />
            <SelectField
              {...kit}
              meta={fields[speakerField(i, "role")]}
              label={f.role}
              options={speakerRoles.map((role) => ({ value: role, label: e.roles[role] }))}
            />
          </fieldset>
        ))}
        {hydrated && rows < limits.speakers ? (
          <button type="button" className="button button--secondary" onClick={() => setRows((n) => Math.min(limits.speakers, n + 1))}>
            {f.addPerson}
          </button>
        ) : null}
      </fieldset>
      <div aria-live="polite">
        <ScheduleWarnings issues={issues} encounter={encounter} confirmable />
      </div>
      <div>
        <button type="submit" className="button" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
