import { useEffect, useState } from "react";
import type { VendorAccount } from "../../../services/vendors/vendor-accounts.ts";
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
        <ContactAccountField
          vendorId={engagements.data?.items.find((e) => e.id === engagementId)?.vendorId}
          value={userId}
          onChange={setUserId}
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

/** The engagement's vendor's contact accounts to choose from, or why there is none to choose. */
function ContactAccountField(props: {
  vendorId: string | undefined;
  value: string;
  onChange(userId: string): void;
  error: string | undefined;
}) {
  if (!props.vendorId)
    return <p className="muted">Choose an engagement to see its vendor's contact accounts.</p>;
  return <VendorAccounts {...props} vendorId={props.vendorId} />;
}

function VendorAccounts(props: {
  vendorId: string;
  value: string;
  onChange(userId: string): void;
  error: string | undefined;
}) {
  const accounts = useApi<{ items: VendorAccount[] }>(`/api/vendors/${props.vendorId}/accounts`);
  const items = accounts.data?.items ?? [];
  const { onChange, value } = props;
  // The first account is the default choice, so that the form never sends an empty id.
  useEffect(() => {
    if (items.length && !items.some((a) => a.id === value)) onChange(items[0]!.id);
  }, [items, value, onChange]);
  if (accounts.status === "loading") return <p className="muted">Loading the vendor's contact accounts…</p>;
  if (accounts.status === "error") return <Alert tone="error">{accounts.error.detail}</Alert>;
  if (items.length === 0)
    return (
      <p className="muted">
        This vendor has no contact account yet: send a link, or ask an admin to create one in Settings ›
        Users.
      </p>
    );
  return (
    <SelectField
      label="Vendor contact"
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      error={props.error}
      options={items.map((a) => ({ value: a.id, label: `${a.name} <${a.email}>` }))}
    />
  );
}
