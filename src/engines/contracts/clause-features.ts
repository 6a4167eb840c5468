/**
 * Turns clause text into sparse features for the linear clause model: lightly
 * stemmed word unigrams and bigrams, log-scaled counts, unit length. The
 * training script and the engine share this file, so the model always sees the
 * same features it was trained on.
 */
export function clauseTokens(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z]+(?:['’][a-z]+)?|\d+(?:[.,]\d+)*/g) ?? [];
  const tokens: string[] = [];
  for (const word of words) {
    if (/^\d/.test(word)) {
      tokens.push("<num>");
      continue;
    }
    tokens.push(stem(word.replace(/['’]s$/, "")));
  }
  return tokens;
}

function stem(word: string): string {
  if (word.length > 5 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 6 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 5 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us"))
    return word.slice(0, -1);
  return word;
}

/** Feature name → value, L2-normalised. */
export function clauseFeatures(text: string): Map<string, number> {
  const tokens = clauseTokens(text);
  const counts = new Map<string, number>();
  const add = (f: string) => counts.set(f, (counts.get(f) ?? 0) + 1);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    add(t);
    const next = tokens[i + 1];
    if (next !== undefined) add(`${t} ${next}`);
  }
  let norm = 0;
  for (const [f, c] of counts) {
    const v = 1 + Math.log(c);
    counts.set(f, v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [f, v] of counts) counts.set(f, v / norm);
  return counts;
}
