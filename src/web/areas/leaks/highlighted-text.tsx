import type { MatchRegion } from "./leak-types.ts";

/** The suspect text with the spans that match the source marked, in text order. */
export function HighlightedText({ text, regions }: { text: string; regions: readonly MatchRegion[] }) {
  const spans = [...regions]
    .map((r) => [Math.max(0, r.suspectStart), Math.min(text.length, r.suspectEnd)] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const parts: { text: string; marked: boolean; at: number }[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) parts.push({ text: text.slice(at, from), marked: false, at });
    parts.push({ text: text.slice(from, end), marked: true, at: from });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false, at });
  return (
    <figure style={{ margin: 0 }}>
      <figcaption className="muted">Suspect text; regions that match the source are highlighted.</figcaption>
      <pre
        className="leak-suspect"
        style={{ whiteSpace: "pre-wrap", maxHeight: "28rem", overflow: "auto", padding: "0.75rem" }}
      >
        {parts.map((p) => (p.marked ? <mark key={p.at}>{p.text}</mark> : <span key={p.at}>{p.text}</span>))}
      </pre>
    </figure>
  );
}
