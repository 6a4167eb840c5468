import type { JurisdictionAdvice } from "../../api/lifecycle-types.ts";
import { SectionPanel } from "../../components/section-panel.tsx";

const FORUM_LABELS: Record<string, string> = {
  arbitration: "Arbitration",
  courts: "Courts",
  "home-courts": "Your home courts",
  "vendor-courts": "The vendor's courts",
};

/** Where disputes should be heard and why, the legal risks, and what the contract should say. */
export function JurisdictionPanel({ advice }: { advice: JurisdictionAdvice }) {
  const forum = advice.recommendedForum;
  return (
    <SectionPanel
      title="Jurisdiction advice"
      description={
        advice.vendor && advice.home
          ? `For a vendor in ${advice.vendor.name} and your organisation in ${advice.home.name}.`
          : undefined
      }
    >
      {forum && (
        <div className="callout">
          <p className="callout__title">
            Recommended forum: {FORUM_LABELS[forum.kind] ?? forum.kind}
            {forum.seat && ` seated in ${forum.seat.city ? `${forum.seat.city}, ` : ""}${forum.seat.name}`}
            {forum.rules && forum.rules.length > 0 && ` (${forum.rules.join(" or ")})`}
          </p>
          <p>{forum.reason}</p>
        </div>
      )}
      {advice.risks && advice.risks.length > 0 && (
        <>
          <h3 className="subsection-title">Risks</h3>
          <ul className="item-list">
            {advice.risks.map((r) => (
              <li key={r.text} className="item-list__item">
                <span className={`badge badge--severity-${r.severity}`}>{r.severity}</span> {r.text}
              </li>
            ))}
          </ul>
        </>
      )}
      {advice.contractShouldSay && advice.contractShouldSay.length > 0 && (
        <>
          <h3 className="subsection-title">The contract should say</h3>
          <ol className="numbered-list">
            {advice.contractShouldSay.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ol>
        </>
      )}
      {advice.disclaimer && <p className="muted small">{advice.disclaimer}</p>}
    </SectionPanel>
  );
}
