import { isbot } from "isbot";
import type { DB } from "~db/client";
import type { DownloadVia } from "~db/schema";
import { recordDownload } from "~/features/materials/commands/material.server";
import type { MaterialWithVersion } from "~/features/materials/queries.server";
import type { MaterialViewer } from "~/features/materials/rules";
import { getOrganizer, getParticipant } from "~/server/auth.server";
import { sendFile } from "~/server/file-response.server";
import { filePathForKey } from "~/server/storage.server";

// Answering a download: who is asking, the file streamed from storage, and the receipt left
// when the answer starts the file. Used by the resource routes /materiales/:id/descargar and
// /d/:token, which check access first.

export async function viewerOf(db: DB, request: Request): Promise<MaterialViewer> {
  const [organizer, participant] = await Promise.all([getOrganizer(request, db), getParticipant(request, db)]);
  return { organizerId: organizer?.id ?? null, participantId: participant?.id ?? null };
}

export function currentVersionOf(material: MaterialWithVersion): VersionToSend {
  return {
    id: material.current_version_id!,
    file_key: material.file_key,
    original_name: material.original_name,
    content_type: material.content_type,
    size: material.size,
    sha256: material.sha256,
    created_at: material.version_created_at,
  };
}

export interface VersionToSend {
  id: number;
  file_key: string;
  original_name: string;
  content_type: string;
  size: number;
  sha256: string;
  created_at: string;
}

/**
 * Streams one version and records a receipt when this answer starts the file from its first
 * byte (not for HEAD, 304, a resumed range, or a link scanner's bot).
 */
export async function serveVersion(
  db: DB,
  request: Request,
  version: VersionToSend,
  who: { participantId: number | null; organizerId: number | null; via: DownloadVia },
  options: { waitForDrain?: () => Promise<void> } = {},
): Promise<Response> {
  let sent;
  try {
    sent = await sendFile(
      request,
      {
        path: filePathForKey(version.file_key),
        size: version.size,
        contentType: version.content_type,
        downloadName: version.original_name,
        sha256: version.sha256,
        lastModified: version.created_at,
      },
      options,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    console.error(`Falta en disco el archivo de la versión ${version.id} (${version.file_key})`);
    return new Response("El archivo no está disponible. Avise a los organizadores.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const userAgent = request.headers.get("User-Agent") ?? "";
  if (sent.startsDownload && sent.response.status < 300 && !(userAgent && isbot(userAgent))) {
    await recordDownload(db, { versionId: version.id, ...who });
  }
  return sent.response;
}
