import type { MatrixRow, Runbook, RunbookItem } from "./access-types.ts";
import { CompleteItemForm } from "./complete-item-form.tsx";

/** Manual items whose completion must carry a file (the services refuse them without one). */
const NEEDS_FILE = new Set(["media-destruction-certificate", "disable-account-manually"]);

function itemLabel(item: RunbookItem): string {
  if (item.kind === "disable-account") return `Disable ${item.account} on ${item.system} (${item.method})`;
  return item.title ?? item.id;
}

const STATE_LABELS = { pending: "Open", done: "Done", failed: "Failed" } as const;

/** Offboarding runbooks with their progress; each item with its owner, due date and state. */
export function RunbookList({
  runbooks,
  people,
  canComplete,
  onChange,
}: {
  runbooks: readonly Runbook[];
  people: readonly MatrixRow[];
  /** The user may record manual items (access.write). */
  canComplete: boolean;
  onChange(): void;
}) {
  if (runbooks.length === 0) return <p className="muted">No offboarding runbook yet.</p>;
  const names = new Map(people.map((p) => [p.personId, p.name]));
  return (
    <ul className="access-runbooks">
      {runbooks.map((runbook) => {
        const subject =
          runbook.subject.kind === "engagement"
            ? `Engagement ${runbook.subject.name ?? runbook.subject.engagementId}`
            : `Leaver ${names.get(runbook.subject.personId) ?? runbook.subject.personId}`;
        return (
          <li key={runbook.key} className="panel access-runbook">
            <h3 className="access-runbook__title">
              {subject}{" "}
              <span className={`badge ${runbook.status === "complete" ? "" : "badge--neutral"}`}>
                {runbook.status === "complete" ? "Complete" : "Open"}
              </span>
            </h3>
            <p className="muted">
              Termination {runbook.terminationDate} · {runbook.progress.done} of {runbook.progress.total}{" "}
              items done
            </p>
            <progress
              max={runbook.progress.total}
              value={runbook.progress.done}
              aria-label={`${subject}: ${runbook.progress.done} of ${runbook.progress.total} done`}
            />
            <ul className="access-runbook__items">
              {runbook.items.map((item) => (
                <li key={item.id}>
                  <span className={`access-item-state access-item-state--${item.state}`}>
                    {STATE_LABELS[item.state]}
                  </span>{" "}
                  <span className="badge badge--neutral">{item.control}</span> {itemLabel(item)}
                  {item.kind === "manual" && (
                    <span className="table__sub">
                      Owner {item.ownerRole} · due {item.due}
                      {item.completedBy ? ` · done by ${item.completedBy}` : ""}
                    </span>
                  )}
                  {item.kind === "disable-account" && item.lastError && item.state !== "done" && (
                    <span className="table__sub">Last attempt: {item.lastError.message}</span>
                  )}
                  {canComplete && runbook.id && item.kind === "manual" && item.state !== "done" && (
                    <CompleteItemForm
                      runbookId={runbook.id}
                      itemId={item.id}
                      title={itemLabel(item)}
                      needsFile={NEEDS_FILE.has(item.action ?? "")}
                      onDone={onChange}
                    />
                  )}
                  {runbook.evidenceIds[item.id] && (
                    <a className="table__sub" href={`/api/evidence/${runbook.evidenceIds[item.id]}/file`}>
                      Read-back evidence
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
