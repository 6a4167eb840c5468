import type { JurisdictionAdvice } from "./advise-jurisdiction.ts";
import { countryInSentence } from "./country-name.ts";

/**
 * Renders advice as plain text for a terminal or an e-mail: the forum, the risks, the clauses and the
 * facts with their sources.
 */
export function formatAdvice(advice: JurisdictionAdvice): string {
  const lines: string[] = [];
  const forum = advice.recommendedForum;
  lines.push(
    `Vendor in ${advice.vendor.name} (${advice.vendor.alpha2}), home ${advice.home.name} (${advice.home.alpha2})`,
  );
  lines.push("");
  if (forum.kind === "arbitration" && forum.seat) {
    const where =
      forum.seat.city === forum.seat.name ? forum.seat.city : `${forum.seat.city}, ${forum.seat.name}`;
    lines.push(`Recommended forum: arbitration seated in ${where}`);
    if (forum.rules) lines.push(`  Rules: ${forum.rules.join(" or ")}`);
  } else {
    lines.push(`Recommended forum: the courts of ${countryInSentence(advice.home)}`);
  }
  lines.push(`  Why: ${forum.reason}`);
  for (const alt of advice.alternatives) {
    const where =
      alt.kind === "arbitration" && alt.seat
        ? `arbitration in ${alt.seat.city}`
        : `courts of ${countryInSentence(advice.home)}`;
    lines.push(`  Alternative: ${where}. ${alt.reason}`);
  }
  lines.push("");
  const j = advice.judgmentEnforcement;
  lines.push(
    `Judgments of the courts of ${countryInSentence(advice.home)} in ${countryInSentence(advice.vendor)}: ${j.route}, ${j.reliability} (basis ${j.basis}, confidence ${j.confidence})`,
  );
  lines.push("");
  if (advice.risks.length > 0) {
    lines.push("Risks:");
    for (const risk of advice.risks) lines.push(`  [${risk.severity}] ${risk.text}`);
    lines.push("");
  }
  lines.push("The contract should say:");
  for (const clause of advice.contractShouldSay) lines.push(`  - ${clause}`);
  lines.push("");
  lines.push("Facts:");
  for (const fact of advice.facts) {
    lines.push(
      `  - ${fact.statement} [${fact.confidence}, as of ${fact.asOf}]${fact.note ? ` ${fact.note}` : ""}`,
    );
    lines.push(`    Source: ${fact.source.organisation}, ${fact.source.title} <${fact.source.url}>`);
  }
  lines.push("");
  lines.push(advice.disclaimer);
  return `${lines.join("\n")}\n`;
}
