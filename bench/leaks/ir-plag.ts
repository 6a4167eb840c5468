import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** One file of the IR-Plag data set and what it is. */
export interface IrPlagFile {
  caseName: string;
  /** "original", "independent" or the plagiarism level "L1".."L6". */
  kind: string;
  /** The numbered folder inside its kind (01, 02, …); used to split tuning and reporting halves. */
  number: number;
  path: string;
  text: string;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (entry.endsWith(".java")) out.push(path);
  }
  return out;
}

/** Reads every Java file of IR-Plag (7 cases: original/, non-plagiarized/NN/, plagiarized/Lk/NN/). */
export function loadIrPlag(root: string): IrPlagFile[] {
  const files: IrPlagFile[] = [];
  for (const caseName of readdirSync(root)
    .filter((d) => d.startsWith("case-"))
    .sort()) {
    const caseDir = join(root, caseName);
    for (const path of filesUnder(join(caseDir, "original"))) {
      files.push({ caseName, kind: "original", number: 0, path, text: readFileSync(path, "utf8") });
    }
    for (const path of filesUnder(join(caseDir, "non-plagiarized"))) {
      const number = Number(path.split("/").at(-2));
      files.push({ caseName, kind: "independent", number, path, text: readFileSync(path, "utf8") });
    }
    for (const level of readdirSync(join(caseDir, "plagiarized")).sort()) {
      for (const path of filesUnder(join(caseDir, "plagiarized", level))) {
        const number = Number(path.split("/").at(-2));
        files.push({ caseName, kind: level, number, path, text: readFileSync(path, "utf8") });
      }
    }
  }
  return files;
}
