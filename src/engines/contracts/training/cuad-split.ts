import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { type ClauseType, CUAD_CATEGORY_TO_TYPE } from "../clause-types.ts";

const cuadLine = z.object({ contract: z.string(), clauses: z.record(z.string(), z.array(z.string())) });

export interface CuadClause {
  text: string;
  /** Every CUAD category that labels this exact text in this contract. */
  categories: string[];
  /** The Warden types among them. */
  types: ClauseType[];
}

export interface CuadContract {
  name: string;
  split: "train" | "validation";
  /** 0..3 for training contracts (cross-validation fold), -1 for validation. */
  fold: number;
  clauses: CuadClause[];
}

/**
 * The directory holding `cuad-clauses/train.jsonl`: WARDEN_DATASETS_DIR, or
 * ../shared/datasets beside the repository.
 */
export function datasetsDir(): string {
  if (process.env.WARDEN_DATASETS_DIR) return resolve(process.env.WARDEN_DATASETS_DIR);
  const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
  return resolve(repoRoot, "..", "shared", "datasets");
}

/**
 * Loads the CUAD clauses and assigns each contract, by a hash of its name, to
 * validation (one in five) or to one of four training folds. The split never
 * depends on content or order, so it is the same on every machine.
 */
export function loadCuadContracts(path = join(datasetsDir(), "cuad-clauses", "train.jsonl")): CuadContract[] {
  const lines = readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim());
  return lines.map((line) => {
    const row = cuadLine.parse(JSON.parse(line));
    const h = createHash("sha256").update(row.contract).digest().readUInt32BE(0);
    const bucket = h % 5;
    const byText = new Map<string, Set<string>>();
    for (const [category, texts] of Object.entries(row.clauses)) {
      for (const t of texts) {
        const text = t.trim();
        if (!text) continue;
        const set = byText.get(text) ?? new Set<string>();
        set.add(category);
        byText.set(text, set);
      }
    }
    const clauses = [...byText].map(([text, cats]) => {
      const categories = [...cats].sort();
      const types = [...new Set(categories.flatMap((c) => CUAD_CATEGORY_TO_TYPE.get(c) ?? []))];
      return { text, categories, types };
    });
    return {
      name: row.contract,
      split: bucket === 0 ? "validation" : "train",
      fold: bucket === 0 ? -1 : bucket - 1,
      clauses,
    } satisfies CuadContract;
  });
}

/** A small seeded PRNG (mulberry32), so shuffles are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
