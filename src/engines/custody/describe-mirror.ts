import { resolve } from "node:path";
import { WardenError } from "../../domain/errors.ts";
import { listRefs, PRESERVED_REF_PREFIX } from "./list-refs.ts";
import { isMirror, mirrorSize } from "./mirror-repository.ts";

export interface PreservedRef {
  /** The ref as kept: refs/warden/preserved/<time>/<original>. */
  ref: string;
  /** The vendor ref it was (refs/heads/main…). */
  originalRef: string;
  /** When it was preserved (ISO 8601, from the sync that kept it). */
  preservedAt: string;
  oid: string;
}

export interface MirrorDescription {
  mirrorDir: string;
  refs: Array<{ ref: string; oid: string }>;
  preserved: PreservedRef[];
  sizeBytes: number;
}

/** Reads a preservation stamp (20260203T040506.789Z) back as an ISO 8601 date. */
function stampToIso(stamp: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(stamp);
  if (!match) return stamp;
  const [, y, mo, d, h, mi, s, fraction] = match;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction ?? ""}Z`;
}

/**
 * What a mirror holds now, for a custody status page: the vendor's refs, every preserved ref with the
 * time it was kept, and the size on disk.
 *
 * @example
 * const { preserved } = await describeMirror("/data/mirrors/app.git");
 * // [{ originalRef: "refs/heads/main", preservedAt: "2026-02-03T04:05:06.789Z", … }]
 */
export async function describeMirror(mirrorDir: string): Promise<MirrorDescription> {
  const dir = resolve(mirrorDir);
  if (!isMirror(dir)) throw new WardenError("not_found", `${dir} is not a mirror; run a sync first.`);
  const refs = await listRefs(dir);
  const preserved: PreservedRef[] = [];
  for (const [ref, oid] of refs.warden) {
    if (!ref.startsWith(PRESERVED_REF_PREFIX)) continue;
    const rest = ref.slice(PRESERVED_REF_PREFIX.length);
    const slash = rest.indexOf("/");
    if (slash < 0) continue;
    preserved.push({
      ref,
      originalRef: rest.slice(slash + 1),
      preservedAt: stampToIso(rest.slice(0, slash)),
      oid,
    });
  }
  preserved.sort(
    (a, b) => a.preservedAt.localeCompare(b.preservedAt) || a.originalRef.localeCompare(b.originalRef),
  );
  return {
    mirrorDir: dir,
    refs: [...refs.vendor].map(([ref, oid]) => ({ ref, oid })).sort((a, b) => a.ref.localeCompare(b.ref)),
    preserved,
    sizeBytes: await mirrorSize(dir),
  };
}
