// The background work of a Convoca process: the mail dispatcher (sends the outbox), the
// follow-up scheduler (decides commitment reminders), the messages scheduler (sends the
// organizers' scheduled messages and the encounters' reminders) and the invitations' automatic
// reminder. Started and stopped together, here only, by the web server (server.ts) and by `npm
// run worker` (app/cli/worker.ts).
import { startFollowUpScheduler } from "~/features/commitments/follow-up/scheduler.server";
import { startInvitationReminders } from "~/features/invitations/commands/remind.server";
import { startMailWorker } from "~/features/mail/dispatcher.server";
import { startMessageScheduler } from "~/features/messages/scheduler.server";
import type { Env } from "~/server/env.server";

export type StopBackgroundWork = () => Promise<void>;

export interface BackgroundWorkOptions {
  /** "web": only when MAIL_WORKER is not off; "worker" (`npm run worker`): always. */
  in: "web" | "worker";
  /** Where each job's lines go, prefixed with its name; by default each job's own (stderr). */
  log?: (line: string) => void;
}

/**
 * Starts the jobs, or none in a web process with MAIL_WORKER=off (then `npm run worker` runs
 * them; running them in both places is safe, since every mail has a unique key and claims are
 * atomic). The returned stop() lets the batch in flight finish and be recorded.
 */
export function startBackgroundWork(env: Env, options: BackgroundWorkOptions): StopBackgroundWork {
  if (options.in === "web" && !env.mailWorkerInWeb) return async () => {};
  const log = options.log;
  const stopMail = startMailWorker(log ? { log: (message) => log(`[correo] ${message}`) } : {});
  const stopFollowUp = startFollowUpScheduler(log ? { log: (message) => log(`[seguimiento] ${message}`) } : {});
  const stopMessages = startMessageScheduler(log ? { log: (message) => log(`[mensajes] ${message}`) } : {});
  const stopInvitations = startInvitationReminders(log ? { log: (message) => log(`[invitaciones] ${message}`) } : {});
  return async () => {
    await Promise.all([stopMail(), stopFollowUp(), stopMessages(), stopInvitations()]);
  };
}
