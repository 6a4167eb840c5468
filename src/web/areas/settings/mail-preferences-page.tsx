import { type FormEvent, useEffect, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { MailPreferences } from "../../api/api-types.ts";
import { useApi } from "../../api/use-api.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { Alert } from "../../components/alert.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { CheckboxField } from "../../components/checkbox-field.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";

const TOPICS: { value: MailPreferences["topics"][number]; label: string; vendor: boolean }[] = [
  { value: "reminder", label: "Reminders before due dates", vendor: true },
  { value: "expiry", label: "NDA, certificate and insurance expiries", vendor: true },
  { value: "gate_blocked", label: "A gate that became blocked", vendor: false },
  { value: "delivery_decided", label: "A delivery verified or rejected", vendor: false },
  { value: "roster_review", label: "A roster request to review", vendor: false },
  { value: "leak_case", label: "A leak case opened", vendor: false },
];
const HOURS = Array.from({ length: 24 }, (_, h) => ({
  value: String(h),
  label: `${String(h).padStart(2, "0")}:00 UTC`,
}));

/** Your own mail: which events, and whether each comes at once or in a daily digest. */
export function MailPreferencesPage() {
  const me = useCurrentUser();
  const saved = useApi<MailPreferences>("/api/account/mail");
  const [draft, setDraft] = useState<MailPreferences | null>(null);
  const [done, setDone] = useState(false);
  const submit = useSubmit();
  useEffect(() => {
    if (saved.data) setDraft(saved.data);
  }, [saved.data]);

  if (saved.status === "error") return <ErrorState error={saved.error} onRetry={saved.reload} />;
  if (!draft) return <LoadingState label="Loading your mail preferences…" />;
  const topics = TOPICS.filter((t) => me.role !== "vendor" || t.vendor);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (await submit.run(() => api("/api/account/mail", { method: "PATCH", body: draft }))) setDone(true);
  };
  const toggle = (topic: MailPreferences["topics"][number], on: boolean) =>
    setDraft({ ...draft, topics: on ? [...draft.topics, topic] : draft.topics.filter((t) => t !== topic) });

  return (
    <>
      <PageHeader
        level={2}
        title="Mail"
        description={`What Warden mails you at ${me.email}. Invitations and questionnaires to answer always come.`}
      />
      {done && <Alert tone="success">Your mail preferences are saved.</Alert>}
      {submit.error && <Alert tone="error">{submit.error.detail}</Alert>}
      <form className="panel form" onSubmit={save} noValidate aria-label="Mail preferences">
        <fieldset className="fieldset">
          <legend>Mail me about</legend>
          {topics.map((t) => (
            <CheckboxField
              key={t.value}
              label={t.label}
              checked={draft.topics.includes(t.value)}
              onChange={(e) => toggle(t.value, e.target.checked)}
            />
          ))}
        </fieldset>
        <SelectField
          label="When"
          name="delivery"
          options={[
            { value: "immediate", label: "As it happens" },
            { value: "digest", label: "In one daily digest" },
          ]}
          value={draft.delivery}
          onChange={(e) => setDraft({ ...draft, delivery: e.target.value as MailPreferences["delivery"] })}
        />
        {draft.delivery === "digest" && (
          <SelectField
            label="Digest hour"
            name="digestHour"
            options={HOURS}
            value={String(draft.digestHour)}
            onChange={(e) => setDraft({ ...draft, digestHour: Number(e.target.value) })}
            error={submit.error?.fieldMessage("digestHour")}
          />
        )}
        <BusyButton className="button button--primary" busy={submit.busy} busyLabel="Saving…">
          Save
        </BusyButton>
      </form>
    </>
  );
}
