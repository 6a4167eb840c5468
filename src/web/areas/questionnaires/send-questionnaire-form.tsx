import { useState } from "react";
import { ApiError, api } from "../../api/api-client.ts";
import type { Page } from "../../api/api-types.ts";
import type { EngagementListItem } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { Alert } from "../../components/alert.tsx";
import { CopyButton } from "../../components/copy-button.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { TextField } from "../../components/text-field.tsx";
import type { SentQuestionnaire, TemplateView } from "./questionnaire-api-types.ts";

/** Sends a questionnaire for an engagement as a single-use link (shown once) or to a vendor contact account. */
export function SendQuestionnaireForm({
  templates,
  engagementId,
  onEngagement,
  onSent,
}: {
  templates: TemplateView[];
  engagementId: string;
  onEngagement(id: string): void;
  onSent(): void;
}) {
  const engagements = useApi<Page<EngagementListItem>>("/api/engagements?limit=100");
  const [templateId, setTemplateId] = useState("");
  const [kind, setKind] = useState<"link" | "contact">("link");
  const [label, setLabel] = useState("");
  const [userId, setUserId] = useState("");
  const [dueOn, setDueOn] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [sent, setSent] = useState<SentQuestionnaire | null>(null);
  const [busy, setBusy] = useState(false);

  const chosenTemplate = templateId || templates[0]?.id || "";
  const send = async () => {
    setBusy(true);
    setError(null);
    setSent(null);
    try {
      const result = await api<SentQuestionnaire>("/api/questionnaires", {
        method: "POST",
        body: {
          engagementId,
          templateId: chosenTemplate,
          ...(dueOn ? { dueOn } : {}),
          recipient: kind === "link" ? { kind, ...(label ? { label } : {}) } : { kind, userId },
        },
      });
      setSent(result);
      onSent();
    } catch (e) {
      setError(e instanceof ApiError ? e : null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <SelectField
        label="Engagement"
        value={engagementId}
        onChange={(e) => onEngagement(e.target.value)}
        error={error?.fieldMessage("engagementId")}
        options={[
          { value: "", label: "Choose an engagement" },
          ...(engagements.data?.items ?? []).map((e) => ({
            value: e.id,
            label: `${e.name} · ${e.vendorName}`,
          })),
        ]}
      />
      <SelectField
        label="Questionnaire"
        value={chosenTemplate}
        onChange={(e) => setTemplateId(e.target.value)}
        options={templates.map((t) => ({ value: t.id, label: `${t.title} (v${t.version})` }))}
      />
      <SelectField
        label="Send to"
        value={kind}
        onChange={(e) => setKind(e.target.value as "link" | "contact")}
        options={[
          { value: "link", label: "A single-use link (no account needed)" },
          { value: "contact", label: "A vendor contact account" },
        ]}
      />
      {kind === "link" ? (
        <TextField
          label="Recipient (for your records)"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          placeholder="cto@vendor.example"
        />
      ) : (
        <TextField
          label="Vendor contact user id"
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
          error={error?.fieldMessage("recipient.userId")}
        />
      )}
      <TextField
        label="Due on (optional)"
        type="date"
        value={dueOn}
        onChange={(e) => setDueOn(e.target.value)}
      />
      {error && <Alert tone="error">{error.detail}</Alert>}
      {sent?.link && (
        <Alert tone="success" title="Questionnaire link created">
          <p>
            Send this link to the vendor. It is shown only now, works once, and expires on{" "}
            {sent.link.expiresAt.slice(0, 10)}.
          </p>
          <p>
            <code id="questionnaire-link">{sent.link.url}</code>{" "}
            <CopyButton text={sent.link.url} targetId="questionnaire-link" />
          </p>
        </Alert>
      )}
      {sent && !sent.link && <Alert tone="success">Sent to {sent.assignment.recipient.label}.</Alert>}
      <div>
        <button type="submit" className="button button--primary" disabled={busy || !engagementId}>
          Send questionnaire
        </button>
      </div>
    </form>
  );
}
