import { useState } from "react";
import type { PortalPolicies } from "../../api/portal-types.ts";
import { useApi } from "../../api/use-api.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { formatDate } from "../../components/format-date-time.ts";
import { LoadingState } from "../../components/loading-state.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { type AcknowledgementTarget, AcknowledgePolicyDialog } from "./acknowledge-policy-dialog.tsx";

/**
 * The policies in force on the vendor's engagements (current version) and, per person, whether
 * they acknowledged it; the vendor records an acknowledgement for one of its own people.
 */
export function PolicyAcknowledgementsPanel() {
  const data = useApi<PortalPolicies>("/api/portal/policies");
  const [target, setTarget] = useState<AcknowledgementTarget | null>(null);
  const d = data.data;
  return (
    <SectionPanel
      title="Policy acknowledgements"
      description="Everyone who works on an engagement acknowledges the current version of its policies before access."
    >
      {data.status === "error" && <ErrorState error={data.error} onRetry={data.reload} />}
      {data.status === "loading" && !d && <LoadingState label="Loading policies…" />}
      {d && d.policies.length === 0 && <p className="muted">No policy issued to your engagements yet.</p>}
      {d && d.policies.length > 0 && d.people.length === 0 && (
        <p className="muted">Nobody on your roster yet: propose a joiner first.</p>
      )}
      {d &&
        d.people.length > 0 &&
        d.policies.map((policy) => {
          const label = `${policy.title} v${policy.version.version}`;
          return (
            <div key={policy.id}>
              <h3 className="subsection-title">
                {label}
                <span className="muted">
                  {" "}
                  · {policy.engagement ? policy.engagement.name : "all engagements"} · issued{" "}
                  {formatDate(policy.version.issuedAt)}
                </span>
              </h3>
              <div className="table-wrap">
                <table className="table table--dense">
                  <caption className="visually-hidden">Acknowledgements of {label}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Person</th>
                      <th scope="col">Acknowledged</th>
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.people.map((person) => {
                      const ack = d.acknowledgements.find(
                        (a) => a.policyId === policy.id && a.personId === person.id,
                      );
                      const required = policy.requiredPersonIds.includes(person.id);
                      return (
                        <tr key={person.id}>
                          <th scope="row" className="table__primary">
                            {person.fullName}
                          </th>
                          <td>
                            {ack ? (
                              <>
                                {formatDate(ack.acknowledgedAt)}
                                {ack.source === "portal" && (
                                  <span className="badge badge--neutral">via portal</span>
                                )}
                              </>
                            ) : required ? (
                              <span className="badge badge--danger">Missing</span>
                            ) : (
                              <span className="muted">Not on this engagement</span>
                            )}
                          </td>
                          <td>
                            {!ack && (
                              <button
                                type="button"
                                className="button button--secondary button--small"
                                aria-label={`Record ${person.fullName}'s acknowledgement of ${label}`}
                                onClick={() =>
                                  setTarget({
                                    policyId: policy.id,
                                    policyLabel: label,
                                    personId: person.id,
                                    personName: person.fullName,
                                  })
                                }
                              >
                                Record
                              </button>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </div>
          );
        })}
      <AcknowledgePolicyDialog
        target={target}
        onClose={() => setTarget(null)}
        onDone={() => {
          setTarget(null);
          data.reload();
        }}
      />
    </SectionPanel>
  );
}
