import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import { Alert } from "../../components/alert.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";
import { CHECK_STATUS_LABELS, CONTRACT_CONTROL_TITLES } from "./contract-controls.ts";
import { type ContractCheck, type ContractClause, clauseTypeLabel } from "./contract-types.ts";

const FIELDS = ["comment", "status", "control"];

type Decision = "" | "confirm" | "override-pass" | "override-warn" | "override-fail" | "reject";

/**
 * Legal's decision on one finding, with a comment: confirm or override a
 * control's check, or confirm or reject a detected clause. Kept through
 * re-analysis. A check that needs review has nothing to confirm: legal
 * decides pass, warning or fail.
 */
export function ReviewFindingForm({
  contractId,
  checks,
  clauses,
  onReviewed,
}: {
  contractId: string;
  checks: readonly ContractCheck[];
  clauses: readonly ContractClause[];
  onReviewed(): void;
}) {
  const firstFailing =
    checks.find((c) => c.status === "needs_review") ?? checks.find((c) => c.status === "fail") ?? checks[0];
  const needsReview = (value: string) =>
    checks.some((c) => `check:${c.control}` === value && c.status === "needs_review");
  const [target, setTarget] = useState(firstFailing ? `check:${firstFailing.control}` : "");
  const [decision, setDecision] = useState<Decision>(needsReview(target) ? "" : "confirm");
  const [comment, setComment] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const submit = useSubmit();
  const isClause = target.startsWith("clause:");
  const commentError = submit.error?.fieldMessage("comment");

  const decisions: { value: Decision; label: string }[] = isClause
    ? [
        { value: "confirm", label: "Confirm the clause" },
        { value: "reject", label: "Reject: not such a clause" },
      ]
    : [
        needsReview(target)
          ? { value: "", label: "Decide: pass, warning or fail" }
          : { value: "confirm", label: "Confirm the finding" },
        { value: "override-pass", label: "Override: pass" },
        { value: "override-warn", label: "Override: warning" },
        { value: "override-fail", label: "Override: fail" },
      ];

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    let body: Record<string, unknown>;
    if (isClause) {
      const clause = clauses.find((c) => `clause:${c.position}` === target);
      body = {
        target: "clause",
        clauseType: clause?.type,
        start: clause?.start,
        end: clause?.end,
        decision: decision === "reject" ? "reject" : "confirm",
        comment,
      };
    } else {
      const [, status] = decision.split("-");
      body = {
        target: "check",
        control: target.slice("check:".length),
        // No choice on a check that needs review: an override without a status, which the server refuses.
        decision: status || decision === "" ? "override" : "confirm",
        ...(status ? { status } : {}),
        comment,
      };
    }
    const ok = await submit.run(() => api(`/api/contracts/${contractId}/reviews`, { method: "POST", body }));
    if (ok) {
      setDone(`Recorded for ${isClause ? "the clause" : target.slice("check:".length)}.`);
      setComment("");
      onReviewed();
    }
  };

  return (
    <form className="form" onSubmit={onSubmit} aria-label="Review a finding">
      {submit.error && (
        <Alert tone="error">
          {submit.error.fieldErrors.some((f) => FIELDS.includes(f.field))
            ? "Check the highlighted fields."
            : submit.error.detail}
        </Alert>
      )}
      {done && !submit.error && (
        <p className="review-done" role="status">
          {done}
        </p>
      )}
      <SelectField
        label="Finding"
        value={target}
        onChange={(e) => {
          setTarget(e.target.value);
          setDecision(needsReview(e.target.value) ? "" : "confirm");
          setDone(null);
        }}
        options={[
          ...checks.map((c) => ({
            value: `check:${c.control}`,
            label: `${c.control} ${CONTRACT_CONTROL_TITLES[c.control] ?? ""} (${CHECK_STATUS_LABELS[c.status]})`,
          })),
          ...clauses.map((c) => ({
            value: `clause:${c.position}`,
            label: `Clause: ${clauseTypeLabel(c.type)}${c.section ? ` §${c.section}` : ""}`,
          })),
        ]}
      />
      <SelectField
        label="Decision"
        value={decision}
        onChange={(e) => setDecision(e.target.value as Decision)}
        options={decisions}
        error={submit.error?.fieldMessage("status")}
      />
      <TextAreaField
        label="Comment"
        hint="Why: the clause, schedule or side letter you relied on. Kept in the audit log."
        value={comment}
        required
        minLength={3}
        maxLength={2000}
        error={commentError}
        onChange={(e) => setComment(e.target.value)}
      />
      <div className="form-actions">
        <BusyButton className="button button--primary" busy={submit.busy} busyLabel="Recording…">
          Record decision
        </BusyButton>
      </div>
    </form>
  );
}
