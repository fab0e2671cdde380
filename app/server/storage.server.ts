import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "./env.server";

// Files live under random keys outside public/: a name chosen by a user never becomes a path.
export function newFileKey(): string {
  return randomBytes(18).toString("base64url");
}

export function filePathForKey(key: string, uploadsDir = getEnv().uploadsDir): string {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(key)) throw new Error("Clave de archivo inválida");
  return path.join(uploadsDir, key.slice(0, 2), key);
}

export function ensureDirFor(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
}
