import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs } from "@remix-run/node";
import { remindNonDownloaders } from "~/features/materials/commands/mail.server";
import { editMaterial, removeMaterial, restoreVersion } from "~/features/materials/commands/material.server";
import { materialFlashes } from "~/features/materials/flash.server";
import { materialUpdateSchema } from "~/features/materials/forms";
import { findMaterial } from "~/features/materials/queries.server";
import { addVersionFromForm, type UploadRefusal } from "~/features/materials/upload-actions.server";
import { requireOrganizer } from "~/server/auth.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { redirectWithFlash } from "~/server/flash.server";
import { badRequest, notFound, readForm } from "~/server/http.server";
import { parseFields } from "~/server/forms.server";
import { multipartBoundary } from "~/server/multipart.server";
import { requireId } from "~/server/params.server";

// The material page's forms: a new version (multipart, streamed with its caps), the data, a
// restored version, reminders to the cities that have not downloaded it, and deletion.

type ActionResult =
  | ({ form: "version"; uploadError: UploadRefusal["uploadError"] } & SubmissionResult<string[]>)
  | ({ form: "update" } & SubmissionResult<string[]>)
  | { form: "other"; error: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const organizer = await requireOrganizer(request, db);
  const material = await findMaterial(db, requireId(params, "id"));
  if (!material) notFound();
  const here = `/admin/materiales/${material.id}`;
  const appUrl = getEnv().appUrl;
  const done = await materialFlashes(request);

  if (multipartBoundary(request.headers.get("Content-Type"))) {
    const added = await addVersionFromForm(db, request, { organizerId: organizer.id, materialId: material.id, appUrl });
    if (!added.ok) return badRequest<ActionResult>({ form: "version", ...added.reply, uploadError: added.uploadError });
    return redirectWithFlash(here, done.versionAdded(added.version, added.notified));
  }

  const formData = await readForm(request).catch(() => null);
  const intent = formData?.get("intent");
  if (!formData || typeof intent !== "string") return badRequest<ActionResult>({ form: "other", error: "invalid" });

  if (intent === "update") {
    const submission = parseFields(formData, materialUpdateSchema);
    if (submission.status !== "success") return badRequest<ActionResult>({ form: "update", ...submission.reply() });
    const { title, description, language, visibility } = submission.value;
    await editMaterial(db, { organizerId: organizer.id, materialId: material.id, fields: { title, description, language, visibility } });
    return redirectWithFlash(here, done.saved);
  }
  if (intent === "restore") {
    const versionId = String(formData.get("versionId") ?? "");
    const restored = /^\d{1,9}$/.test(versionId)
      ? await restoreVersion(db, { organizerId: organizer.id, materialId: material.id, versionId: Number(versionId) })
      : null;
    if (restored === null) return badRequest<ActionResult>({ form: "other", error: "invalid" });
    return redirectWithFlash(here, done.restored(restored));
  }
  if (intent === "remind") {
    const city = String(formData.get("cityId") ?? "");
    if (city !== "" && !/^\d{1,9}$/.test(city)) return badRequest<ActionResult>({ form: "other", error: "invalid" });
    const result = await remindNonDownloaders(db, { organizerId: organizer.id, materialId: material.id, cityIds: city ? [Number(city)] : undefined, appUrl });
    return redirectWithFlash(here, done.reminded(result.enqueued, result.people));
  }
  if (intent === "delete") {
    if (formData.get("confirm") !== "on") return badRequest<ActionResult>({ form: "other", error: "confirm" });
    await removeMaterial(db, { organizerId: organizer.id, materialId: material.id });
    return redirectWithFlash("/admin/materiales", done.deleted);
  }
  return badRequest<ActionResult>({ form: "other", error: "invalid" });
}
