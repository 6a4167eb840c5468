/**
 * Deterministic synthetic Java sources for scale tests: classes of random methods built from
 * statement templates, random names and messages. File i is the same on every run.
 */

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = "ka lo mi ne ro ta vu be co da fi gu ha je ku li mo nu pa qi ra se ti zu".split(" ");
const WORDS =
  "total count index value result buffer account order price amount limit offset record entry".split(" ");
const TYPES = ["int", "long", "double", "String", "boolean"];
const OPS = ["+", "-", "*", "/", "%"];
const CMP = ["<", ">", "<=", ">=", "==", "!="];

export function syntheticJava(index: number): string {
  const random = mulberry32(index * 7919 + 17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const name = () => pick(WORDS) + pick(SYLLABLES) + pick(SYLLABLES);
  const expr = (vars: string[], depth = 0): string => {
    const roll = random();
    if (depth > 1 || roll < 0.35)
      return vars.length && random() < 0.7 ? pick(vars) : String(Math.floor(random() * 100));
    if (roll < 0.8) return `${expr(vars, depth + 1)} ${pick(OPS)} ${expr(vars, depth + 1)}`;
    return `${name()}(${expr(vars, depth + 1)})`;
  };
  const statements = (vars: string[], indent: string, depth: number): string[] => {
    const out: string[] = [];
    const count = 2 + Math.floor(random() * 5);
    for (let s = 0; s < count; s++) {
      const roll = random();
      if (roll < 0.3 || vars.length === 0) {
        const v = name();
        out.push(`${indent}${pick(TYPES.slice(0, 3))} ${v} = ${expr(vars)};`);
        vars.push(v);
      } else if (roll < 0.5) out.push(`${indent}${pick(vars)} = ${expr(vars)};`);
      else if (roll < 0.62 && depth < 2) {
        out.push(`${indent}if (${pick(vars)} ${pick(CMP)} ${expr(vars)}) {`);
        out.push(...statements([...vars], `${indent}    `, depth + 1));
        if (random() < 0.4) {
          out.push(`${indent}} else {`);
          out.push(...statements([...vars], `${indent}    `, depth + 1));
        }
        out.push(`${indent}}`);
      } else if (roll < 0.74 && depth < 2) {
        const i = pick(["i", "j", "k"]);
        out.push(`${indent}for (int ${i} = 0; ${i} < ${expr(vars)}; ${i}++) {`);
        out.push(...statements([...vars, i], `${indent}    `, depth + 1));
        out.push(`${indent}}`);
      } else if (roll < 0.84 && depth < 2) {
        out.push(`${indent}while (${pick(vars)} ${pick(CMP)} ${expr(vars)}) {`);
        out.push(...statements([...vars], `${indent}    `, depth + 1));
        out.push(`${indent}}`);
      } else if (roll < 0.94) {
        out.push(
          `${indent}System.out.println("${pick(WORDS)} ${pick(WORDS)} ${pick(SYLLABLES)}: " + ${pick(vars)});`,
        );
      } else out.push(`${indent}${name()}.${name()}(${expr(vars)}, ${expr(vars)});`);
    }
    return out;
  };
  const lines = [`package gen.p${index % 97};`, "", `public class ${name()}${index} {`];
  const methods = 1 + Math.floor(random() * 3);
  for (let m = 0; m < methods; m++) {
    const params = Array.from({ length: 1 + Math.floor(random() * 3) }, () => name());
    lines.push(`    public static double ${name()}(${params.map((p) => `int ${p}`).join(", ")}) {`);
    lines.push(...statements([...params], "        ", 0));
    lines.push(`        return ${expr(params)};`, "    }", "");
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/**
 * A leaked fragment of a synthetic file: one method, identifiers renamed and layout
 * squeezed, as a leaker would disguise it.
 */
export function disguisedFragment(source: string, seed: number): string {
  const methods = source.split(/\n(?= {4}public static)/).slice(1);
  const method = methods[seed % methods.length] ?? source;
  const names = new Map<string, string>();
  const keep = new Set([
    "public",
    "static",
    "double",
    "int",
    "long",
    "String",
    "boolean",
    "if",
    "else",
    "for",
    "while",
    "return",
    "System",
    "out",
    "println",
  ]);
  return method
    .split(/("[^"\n]*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/\b[A-Za-z_]\w*\b/g, (w) => {
              if (keep.has(w)) return w;
              if (!names.has(w)) names.set(w, `r${names.size}x`);
              return names.get(w)!;
            })
            .replace(/\s+/g, " "),
    )
    .join("");
}
