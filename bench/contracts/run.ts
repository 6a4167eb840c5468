/**
 * Contract clause detection benchmark.
 *
 *   npm run bench:contracts
 *
 * Quality: on the held-out validation contracts of the CUAD clause file
 * (sha256(contract name) mod 5 == 0; never used for training or tuning), one
 * evaluation document per contract made of all its labelled clauses in a
 * seeded shuffle; per CUAD-labelled type precision, recall, F1 and
 * contract-level presence accuracy, and the macro F1.
 * Speed: a generated 50-page PDF contract, extracted and analysed.
 * Writes bench/results/contracts.json and bench/results/contracts.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PDFDocument } from "pdf-lib";
import { analyzeContract } from "../../src/engines/contracts/analyze-contract.ts";
import { loadShippedClauseModel } from "../../src/engines/contracts/clause-model.ts";
import { extractText } from "../../src/engines/contracts/extract-text.ts";
import { renderDocx, renderPdf } from "../../src/engines/contracts/fixtures/render-contract.ts";
import { usMasterServicesAgreement } from "../../src/engines/contracts/fixtures/sample-contracts.ts";
import { datasetsDir, loadCuadContracts } from "../../src/engines/contracts/training/cuad-split.ts";
import { evaluateDetection } from "../../src/engines/contracts/training/evaluate-detection.ts";

const GOALS: Record<string, number> = {
  "ip-assignment": 0.9,
  "governing-law": 0.9,
  insurance: 0.9,
  "audit-rights": 0.9,
  "non-compete": 0.9,
  "cap-on-liability": 0.9,
};
const MACRO_GOAL = 0.8;
const TARGET_PAGES = 50;
const SPEED_RUNS = 5;

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const started = Date.now();

// Quality
const all = loadCuadContracts();
const validation = all.filter((c) => c.split === "validation");
const model = loadShippedClauseModel();
const quality = evaluateDetection(validation, model);

// Speed: a 50-page PDF made from the sample MSA repeated, as a word processor would export it.
// Pages are counted with pdf-lib so that the first timed extraction is the process's first use of pdf.js.
let pdf = await renderPdf(usMasterServicesAgreement, { repeat: 1 });
for (let repeat = 2; (await PDFDocument.load(pdf)).getPageCount() < TARGET_PAGES && repeat < 100; repeat++) {
  pdf = await renderPdf(usMasterServicesAgreement, { repeat });
}
const timeOnce = async (bytes: Uint8Array, filename: string) => {
  const t0 = performance.now();
  const extracted = await extractText(bytes, { filename });
  const t1 = performance.now();
  const analysis = analyzeContract(extracted.text);
  const t2 = performance.now();
  return {
    extractMs: t1 - t0,
    analyseMs: t2 - t1,
    pages: extracted.pages?.length ?? 0,
    chars: extracted.text.length,
    clauses: analysis.clauses.length,
  };
};
const cold = await timeOnce(pdf, "contract.pdf");
const warm = [];
for (let i = 0; i < SPEED_RUNS; i++) warm.push(await timeOnce(pdf, "contract.pdf"));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const warmTotal = median(warm.map((w) => w.extractMs + w.analyseMs));
const docx = await renderDocx({
  ...usMasterServicesAgreement,
  sections: Array.from({ length: 17 }, () => usMasterServicesAgreement.sections).flat(),
});
const docxRuns = [];
for (let i = 0; i < SPEED_RUNS; i++) docxRuns.push(await timeOnce(docx, "contract.docx"));
const docxTotal = median(docxRuns.map((w) => w.extractMs + w.analyseMs));

// Development figures: pooled 4-fold cross-validation inside the training contracts, where every
// threshold, pattern weight, feature and pattern was chosen (recorded in the model file).
const crossValidation = (model.trainedOn.crossValidationF1 ?? {}) as Record<string, number>;
const perType = quality.perType.map((m) => ({
  type: m.type,
  crossValidationF1: crossValidation[m.type] ?? null,
  gold: m.gold,
  detected: m.detected,
  precision: round(m.precision),
  recall: round(m.recall),
  f1: round(m.f1),
  presenceAccuracy: round(m.presenceAccuracy),
  goal: GOALS[m.type] ?? null,
  goalMet: GOALS[m.type] === undefined ? null : m.f1 >= (GOALS[m.type] as number),
}));
const results = {
  benchmark: "contracts",
  date: new Date().toISOString(),
  dataset: {
    source: join(datasetsDir(), "cuad-clauses", "train.jsonl"),
    split: "validation = contracts whose sha256(name) mod 5 == 0",
    validationContracts: validation.length,
    trainingContracts: all.length - validation.length,
    evaluationCharacters: quality.characters,
  },
  method:
    "one evaluation document per validation contract: all its labelled clause texts (each distinct text once, all labels kept), shuffled with a fixed seed, blank-line separated; a gold clause is found when a detection of its type covers at least half of it; a detection is correct when it overlaps a gold clause of its type by at least half of the shorter of the two",
  quality: {
    perType,
    macroF1: round(quality.macroF1),
    macroGoal: MACRO_GOAL,
    macroGoalMet: quality.macroF1 >= MACRO_GOAL,
  },
  speed: {
    pdf: {
      pages: cold.pages,
      characters: cold.chars,
      clausesFound: cold.clauses,
      coldMs: round(cold.extractMs + cold.analyseMs, 1),
      warmMedianMs: round(warmTotal, 1),
      warmExtractMs: round(median(warm.map((w) => w.extractMs)), 1),
      warmAnalyseMs: round(median(warm.map((w) => w.analyseMs)), 1),
      pagesPerSecond: round((cold.pages / warmTotal) * 1000, 1),
      goalMs: 1000,
      goalMet: warmTotal < 1000,
    },
    docx: { characters: docxRuns[0]?.chars ?? 0, warmMedianMs: round(docxTotal, 1) },
    note: "cold = the first PDF in the process (includes loading pdf.js, about a second; the model is already loaded), as in a one-off `warden contract analyze`; a worker loads pdf.js at start, so uploads are analysed at the warm figure; warm = median of the next runs",
    machine: { cpus: cpus().length, loadAverage1m: round(loadavg()[0] ?? 0, 2) },
  },
  durationSeconds: round((Date.now() - started) / 1000, 1),
};

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const lines = [
  `Contract clause detection, CUAD validation split (${validation.length} contracts, never trained or tuned on)`,
  "",
  `${pad("type", 30)}${pad("gold", 6)}${pad("det", 6)}${pad("P", 7)}${pad("R", 7)}${pad("F1", 7)}${pad("presence", 10)}${pad("dev F1", 8)}goal`,
  ...perType.map(
    (m) =>
      `${pad(m.type, 30)}${pad(m.gold, 6)}${pad(m.detected, 6)}${pad(m.precision.toFixed(3), 7)}${pad(m.recall.toFixed(3), 7)}${pad(m.f1.toFixed(3), 7)}${pad(m.presenceAccuracy.toFixed(3), 10)}${pad(m.crossValidationF1?.toFixed(3) ?? "", 8)}${m.goal === null ? "" : `${m.goal.toFixed(2)} ${m.goalMet ? "met" : "MISSED"}`}`,
  ),
  "(dev F1: 4-fold cross-validation inside the training contracts, where every choice was made)",
  "",
  `macro F1 ${results.quality.macroF1.toFixed(3)} (goal ${MACRO_GOAL.toFixed(2)}: ${results.quality.macroGoalMet ? "met" : "MISSED"})`,
  "",
  `speed: ${results.speed.pdf.pages}-page PDF extracted + analysed in ${results.speed.pdf.warmMedianMs} ms warm (extract ${results.speed.pdf.warmExtractMs} ms, analyse ${results.speed.pdf.warmAnalyseMs} ms), ${results.speed.pdf.coldMs} ms cold; ${results.speed.pdf.pagesPerSecond} pages/s (goal < 1000 ms: ${results.speed.pdf.goalMet ? "met" : "MISSED"})`,
  `speed: DOCX of ${results.speed.docx.characters} characters in ${results.speed.docx.warmMedianMs} ms warm`,
  `machine: ${results.speed.machine.cpus} CPUs, load average ${results.speed.machine.loadAverage1m} during the run`,
];
console.log(lines.join("\n"));

const out = join(root, "bench", "results");
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "contracts.json"), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(
  join(out, "contracts.md"),
  [
    "# Contract clause detection",
    "",
    `Run ${results.date.slice(0, 10)} with \`npm run bench:contracts\`. Validation split of the CUAD clause file (${validation.length} contracts, by a hash of the contract name, never used for training or tuning). Method: ${results.method}.`,
    "",
    "```",
    ...lines.slice(2),
    "```",
    "",
    `Method: a linear model (one logistic regression per CUAD type, trained on the ${results.dataset.trainingContracts} training contracts and shipped in src/engines/contracts/model) over the words of each clause alone (unigrams and bigrams; section headings count only through the patterns, which they strengthen), the drafting patterns of clause-rules.ts (matched once per clause for both uses) and clause-level cues (a negation governing "compete" several words later, a carve-out from a restriction, non-solicitation of customers, a ban on competing business or products as against a promise not to deal with others, joint ownership…), combined with the drafting patterns at a weight per type; patterns also rule out look-alikes (a carve-out, non-solicitation or non-disparagement is not a non-compete; joint ownership is not an IP assignment unless a sentence vests IP in one party). Each type's threshold and pattern weight, and every feature and pattern choice, come from 4-fold cross-validation inside the training contracts (by contract); the validation split was evaluated once for the method shipped. Types CUAD does not label (confidentiality, flow-down, indemnification, security requirements, venue, return-or-destroy) use patterns only and are covered by tests, not by this benchmark.`,
    "",
    `Speed: ${results.speed.note}.`,
    "",
    "A one-hidden-layer network over the same features, and its average with the linear model, do no better in cross-validation on the types that miss the goal: `npx tsx bench/contracts/compare-models.ts` prints the comparison.",
    "",
  ].join("\n"),
);
