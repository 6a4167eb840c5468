import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import { type WebhookDelivery as Delivery, EVENT_KINDS, type Webhook } from "../../api/api-types.ts";
import { useApi } from "../../api/use-api.ts";
import { Alert } from "../../components/alert.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { CheckboxField } from "../../components/checkbox-field.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { CopyButton } from "../../components/copy-button.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { formatDateTime } from "../../components/format-date-time.ts";
import { LoadingState } from "../../components/loading-state.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";

/** Admins: where Warden posts signed events, each webhook with its delivery log. */
export function WebhooksPage() {
  const hooks = useApi<{ items: Webhook[] }>("/api/webhooks");
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>(["gate.changed"]);
  const [secret, setSecret] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const submit = useSubmit();
  const action = useSubmit();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    await submit.run(async () => {
      const made = await api<Webhook & { secret: string }>("/api/webhooks", {
        method: "POST",
        body: { url: url.trim(), events },
      });
      setSecret(made.secret);
      setUrl("");
      hooks.reload();
    });
  };
  const act = (work: () => Promise<unknown>, done: string) =>
    action.run(async () => {
      await work();
      setNotice(done);
      hooks.reload();
    });

  return (
    <>
      <PageHeader
        level={2}
        title="Webhooks"
        description="Warden posts each event as JSON, signed with the webhook's secret (X-Warden-Signature: sha256=…), and retries failures with back-off."
      />
      {secret && (
        <Alert tone="success" title="Copy the signing secret now: it is not shown again">
          <code>{secret}</code> <CopyButton text={secret} />
        </Alert>
      )}
      {notice && <Alert tone="success">{notice}</Alert>}
      {action.error && <Alert tone="error">{action.error.detail}</Alert>}
      <form className="panel form" onSubmit={create} noValidate aria-label="New webhook">
        {submit.error && !submit.error.fieldMessage("url") && (
          <Alert tone="error">{submit.error.detail}</Alert>
        )}
        <TextField
          label="URL"
          name="url"
          required
          placeholder="https://hooks.example.com/warden"
          hint="https only; private, link-local and metadata addresses are refused."
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={submit.error?.fieldMessage("url")}
        />
        <fieldset className="fieldset">
          <legend>Events</legend>
          {EVENT_KINDS.map((name) => (
            <CheckboxField
              key={name}
              label={name}
              checked={events.includes(name)}
              onChange={(e) =>
                setEvents(e.target.checked ? [...events, name] : events.filter((x) => x !== name))
              }
            />
          ))}
        </fieldset>
        <BusyButton className="button button--primary" busy={submit.busy} busyLabel="Adding…">
          Add webhook
        </BusyButton>
      </form>
      {hooks.status === "error" && <ErrorState error={hooks.error} onRetry={hooks.reload} />}
      {hooks.status === "loading" && !hooks.data && <LoadingState label="Loading webhooks…" />}
      {hooks.data?.items.length === 0 && <p className="muted">No webhooks yet.</p>}
      {hooks.data?.items.map((hook) => (
        <section key={hook.id} className="panel" aria-label={`Webhook ${hook.url}`}>
          <h3 className="section-title">
            {hook.url} {hook.disabled && <span className="muted">(disabled)</span>}
          </h3>
          <p className="muted">
            {hook.events.join(", ")} · added by {hook.createdBy} on {formatDateTime(hook.createdAt)}
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="button"
              disabled={hook.disabled}
              onClick={() =>
                act(
                  () => api(`/api/webhooks/${hook.id}/test`, { method: "POST" }),
                  "A test event is on its way.",
                )
              }
            >
              Send test event
            </button>
            <button
              type="button"
              className="button"
              onClick={() =>
                act(
                  () =>
                    api(`/api/webhooks/${hook.id}`, { method: "PATCH", body: { disabled: !hook.disabled } }),
                  hook.disabled ? "The webhook is enabled." : "The webhook is disabled.",
                )
              }
            >
              {hook.disabled ? "Enable" : "Disable"}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => setOpen(open === hook.id ? null : hook.id)}
            >
              {open === hook.id ? "Hide deliveries" : "Deliveries"}
            </button>
            <button type="button" className="button button--danger" onClick={() => setDeleting(hook)}>
              Delete
            </button>
          </div>
          {open === hook.id && <DeliveryLog webhookId={hook.id} />}
        </section>
      ))}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this webhook?"
        message={`Warden stops posting to ${deleting?.url ?? ""}, and its delivery log is deleted.`}
        confirmLabel="Delete"
        tone="danger"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await api(`/api/webhooks/${deleting.id}`, { method: "DELETE" });
          hooks.reload();
        }}
      />
    </>
  );
}

function DeliveryLog({ webhookId }: { webhookId: string }) {
  const log = useApi<{ items: Delivery[] }>(`/api/webhooks/${webhookId}/deliveries`);
  if (log.status === "error") return <ErrorState error={log.error} onRetry={log.reload} />;
  if (!log.data) return <LoadingState label="Loading deliveries…" />;
  if (log.data.items.length === 0) return <p className="muted">Nothing sent yet.</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Answer</th>
            <th scope="col">Last attempt</th>
          </tr>
        </thead>
        <tbody>
          {log.data.items.map((d) => (
            <tr key={d.id}>
              <td>{d.event}</td>
              <td>{d.status}</td>
              <td>{d.attempts}</td>
              <td>
                {d.responseCode ?? "no answer"}
                {d.error && <div className="muted">{d.error}</div>}
                {d.responseExcerpt && <pre className="muted">{d.responseExcerpt.slice(0, 300)}</pre>}
              </td>
              <td>{d.lastAttemptAt ? formatDateTime(d.lastAttemptAt) : "not yet"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
