import { api } from "../../api/api-client.ts";
import type { Evidence } from "../../api/lifecycle-types.ts";

export interface EvidenceMeta {
  title: string;
  engagementId: string;
  controls: string[];
  effectiveOn?: string;
  expiresOn?: string;
}

/** Uploads one evidence file with its metadata (multipart: `meta` JSON and `file`). */
export function uploadEvidence(meta: EvidenceMeta, file: File): Promise<Evidence> {
  const form = new FormData();
  form.set("meta", JSON.stringify(meta));
  form.set("file", file, file.name);
  return api<Evidence>("/api/evidence/upload", { method: "POST", body: form });
}
