/**
 * Questionnaire benchmark: scoring throughput on the built-in IP-handling questionnaire with varied
 * answers, and XLSX export + import time for the built-in (37 questions) and for a generated
 * questionnaire of 1,000 questions (the largest a definition may hold). Bounded by fixed counts.
 *
 * Run: npm run bench:questionnaire   (WARDEN_BENCH_QUESTIONNAIRE_SCORES overrides the scored sets, default 5000)
 */
import { mkdir, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadBuiltInQuestionnaire } from "../../src/engines/questionnaire/built-in-questionnaires.ts";
import { exportQuestionnaireXlsx } from "../../src/engines/questionnaire/export-questionnaire-xlsx.ts";
import { importQuestionnaireXlsx } from "../../src/engines/questionnaire/import-questionnaire-xlsx.ts";
import {
  exportQuestionnaireJson,
  importQuestionnaireJson,
} from "../../src/engines/questionnaire/questionnaire-json.ts";
import type { Question, Questionnaire } from "../../src/engines/questionnaire/questionnaire-schema.ts";
import { scoreQuestionnaire } from "../../src/engines/questionnaire/score-questionnaire.ts";
import { parseQuestionnaire } from "../../src/engines/questionnaire/validate-questionnaire.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SCORES = Math.min(
  Math.max(Number(process.env.WARDEN_BENCH_QUESTIONNAIRE_SCORES ?? 5000), 100),
  100_000,
);
const round = (n: number): number => Math.round(n * 100) / 100;

// A deterministic pseudo-random answer for each question, so runs are comparable.
function answersFor(definition: Questionnaire, seed: number): Record<string, unknown> {
  let state = seed * 2654435761;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const answers: Record<string, unknown> = {};
  for (const q of definition.sections.flatMap((s) => s.questions)) {
    if (next() < 0.1) continue;
    answers[q.id] = answerOf(q, next);
  }
  return answers;
}

function answerOf(q: Question, next: () => number): unknown {
  const options = q.options ?? [];
  switch (q.type) {
    case "yes-no":
      return next() < 0.7 ? "yes" : "no";
    case "single-choice":
      return options[Math.floor(next() * options.length)]?.id;
    case "multiple-choice":
      return options.filter(() => next() < 0.5).map((o) => o.id);
    case "number":
      return Math.floor(next() * 100);
    case "date":
      return `2026-0${1 + Math.floor(next() * 9)}-15`;
    case "text":
      return "Separate accounts and repositories per client.";
    case "file":
      return [{ name: "evidence.pdf", sha256: "b".repeat(64), size: 1000 }];
  }
}

function generated(size: number): Questionnaire {
  const types = ["yes-no", "single-choice", "multiple-choice", "number", "date", "text"] as const;
  const sections = Array.from({ length: 20 }, (_, s) => ({
    id: `s${s}`,
    title: `Section ${s}`,
    questions: Array.from({ length: size / 20 }, (_, i) => {
      const n = s * (size / 20) + i;
      const type = types[n % types.length]!;
      const base = {
        id: `q${n}`,
        text: `Question ${n}: does the vendor do the thing properly?`,
        type,
        weight: 1 + (n % 3),
      };
      if (type === "yes-no") return { ...base, expected: { answer: "yes" as const } };
      if (type === "single-choice" || type === "multiple-choice") {
        const options = [0, 1, 2, 3].map((k) => ({ id: `o${k}`, label: `Option ${k}`, score: k / 3 }));
        return { ...base, options };
      }
      if (type === "number") return { ...base, expected: { min: 0, max: 50 } };
      if (type === "date") return { ...base, expected: { maxAgeDays: 365 } };
      return base;
    }),
  }));
  return parseQuestionnaire({ id: "generated", version: "1", title: "Generated", sections });
}

async function roundTrip(definition: Questionnaire) {
  const startExport = performance.now();
  const bytes = await exportQuestionnaireXlsx(definition);
  const exportMs = performance.now() - startExport;
  const startImport = performance.now();
  await importQuestionnaireXlsx(bytes);
  const importMs = performance.now() - startImport;
  const json = exportQuestionnaireJson(definition);
  const startJson = performance.now();
  importQuestionnaireJson(json);
  const jsonImportMs = performance.now() - startJson;
  return {
    xlsxBytes: bytes.byteLength,
    xlsxExportMs: round(exportMs),
    xlsxImportMs: round(importMs),
    jsonImportMs: round(jsonImportMs),
  };
}

async function main(): Promise<void> {
  const ip = loadBuiltInQuestionnaire("ip-handling");
  const sets = Array.from({ length: SCORES }, (_, i) => answersFor(ip, i + 1));
  const now = new Date("2026-11-29T00:00:00Z");
  let total = 0;
  const start = performance.now();
  for (const answers of sets) total += scoreQuestionnaire(ip, answers, { now }).score ?? 0;
  const scoreMs = performance.now() - start;
  const builtIn = await roundTrip(ip);
  const large = await roundTrip(generated(1000));
  const results = {
    machine: { cpus: cpus().length, node: process.version },
    scoring: {
      sets: SCORES,
      perSecond: Math.round(SCORES / (scoreMs / 1000)),
      meanScore: round(total / SCORES),
    },
    builtIn: { questions: 37, ...builtIn },
    generated1000: { questions: 1000, ...large },
  };
  console.table({
    "score sets per second (built-in, 37 questions)": results.scoring.perSecond,
    "built-in XLSX export ms": builtIn.xlsxExportMs,
    "built-in XLSX import ms": builtIn.xlsxImportMs,
    "1,000-question XLSX export ms": large.xlsxExportMs,
    "1,000-question XLSX import ms": large.xlsxImportMs,
    "1,000-question JSON import ms": large.jsonImportMs,
  });
  const out = join(ROOT, "bench", "results");
  await mkdir(out, { recursive: true });
  await writeFile(join(out, "questionnaire.json"), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(
    join(out, "questionnaire.md"),
    [
      "# Questionnaire benchmark",
      "",
      `${results.machine.cpus} CPUs, Node ${results.machine.node}.`,
      "",
      "| figure | value |",
      "| --- | --- |",
      `| scoring, built-in (37 questions), ${SCORES} answer sets | ${results.scoring.perSecond} per second |`,
      `| built-in XLSX export / import | ${builtIn.xlsxExportMs} / ${builtIn.xlsxImportMs} ms (${builtIn.xlsxBytes} bytes) |`,
      `| 1,000-question XLSX export / import | ${large.xlsxExportMs} / ${large.xlsxImportMs} ms (${large.xlsxBytes} bytes) |`,
      `| 1,000-question JSON import | ${large.jsonImportMs} ms |`,
      "",
    ].join("\n"),
  );
}

await main();
