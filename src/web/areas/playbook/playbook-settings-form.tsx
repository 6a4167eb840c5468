import { type FormEvent, useEffect, useState } from "react";
import { api } from "../../api/api-client.ts";
import type { PlaybookSettings } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { Alert } from "../../components/alert.tsx";
import { BusyButton } from "../../components/busy-button.tsx";
import { CheckboxField } from "../../components/checkbox-field.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { FormProblem } from "../../components/form-problem.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { SectionPanel } from "../../components/section-panel.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useSubmit } from "../../components/use-submit.ts";

type Form = Record<Exclude<keyof PlaybookSettings, "paymentByAcceptor">, string> & {
  paymentByAcceptor: boolean;
};
const FIELDS = [
  "turnoverThreshold",
  "auditIntervalDays",
  "thirdPartyAuditIntervalDays",
  "staffCertificationCoverage",
  "incidentDisclosureBusinessDays",
  "homeCountry",
] as const;

function toForm(s: PlaybookSettings): Form {
  return {
    turnoverThreshold: String(Math.round(s.turnoverThreshold * 1000) / 10),
    auditIntervalDays: String(s.auditIntervalDays),
    thirdPartyAuditIntervalDays: String(s.thirdPartyAuditIntervalDays),
    staffCertificationCoverage: String(Math.round(s.staffCertificationCoverage * 1000) / 10),
    incidentDisclosureBusinessDays: String(s.incidentDisclosureBusinessDays),
    homeCountry: s.homeCountry,
    paymentByAcceptor: s.paymentByAcceptor,
  };
}

/** The thresholds and intervals the rules use; percentages are entered as percent. */
export function PlaybookSettingsForm({ canManage }: { canManage: boolean }) {
  const settings = useApi<PlaybookSettings>("/api/playbook/settings");
  const [form, setForm] = useState<Form | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = useSubmit();
  useEffect(() => {
    if (settings.data) setForm(toForm(settings.data));
  }, [settings.data]);

  const set = (key: Exclude<keyof Form, "paymentByAcceptor">) => (e: { target: { value: string } }) => {
    setSaved(false);
    setForm((f) => (f ? { ...f, [key]: e.target.value } : f));
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!form) return;
    const ok = await submit.run(() =>
      api("/api/playbook/settings", {
        method: "PATCH",
        body: {
          turnoverThreshold: Number(form.turnoverThreshold) / 100,
          auditIntervalDays: Number(form.auditIntervalDays),
          thirdPartyAuditIntervalDays: Number(form.thirdPartyAuditIntervalDays),
          staffCertificationCoverage: Number(form.staffCertificationCoverage) / 100,
          incidentDisclosureBusinessDays: Number(form.incidentDisclosureBusinessDays),
          homeCountry: form.homeCountry.trim().toUpperCase(),
          paymentByAcceptor: form.paymentByAcceptor,
        },
      }),
    );
    if (ok) {
      setSaved(true);
      settings.reload();
    }
  };
  const err = (f: string) => submit.error?.fieldMessage(f);

  return (
    <SectionPanel level={3} title="Settings" description="Thresholds and intervals the automatic checks use.">
      {settings.status === "error" && <ErrorState error={settings.error} onRetry={settings.reload} />}
      {!form && settings.status === "loading" && <LoadingState label="Loading the settings…" />}
      {form && (
        <form className="form form--grid" onSubmit={save} noValidate aria-label="Playbook settings">
          {saved && <Alert tone="success">Settings saved.</Alert>}
          <FormProblem error={submit.error} fields={FIELDS} />
          <TextField
            label="Turnover alert above (%)"
            type="number"
            min={0}
            step="0.1"
            disabled={!canManage}
            value={form.turnoverThreshold}
            onChange={set("turnoverThreshold")}
            error={err("turnoverThreshold")}
          />
          <TextField
            label="Staff certification coverage (%)"
            type="number"
            min={0}
            max={100}
            disabled={!canManage}
            value={form.staffCertificationCoverage}
            onChange={set("staffCertificationCoverage")}
            error={err("staffCertificationCoverage")}
          />
          <TextField
            label="Audit every (days)"
            type="number"
            min={1}
            disabled={!canManage}
            value={form.auditIntervalDays}
            onChange={set("auditIntervalDays")}
            error={err("auditIntervalDays")}
          />
          <TextField
            label="Third-party audit every (days)"
            type="number"
            min={1}
            disabled={!canManage}
            value={form.thirdPartyAuditIntervalDays}
            onChange={set("thirdPartyAuditIntervalDays")}
            error={err("thirdPartyAuditIntervalDays")}
          />
          <TextField
            label="Incident disclosure (business days)"
            type="number"
            min={0}
            disabled={!canManage}
            value={form.incidentDisclosureBusinessDays}
            onChange={set("incidentDisclosureBusinessDays")}
            error={err("incidentDisclosureBusinessDays")}
          />
          <TextField
            label="Home country"
            maxLength={2}
            hint="ISO code, for jurisdiction advice."
            disabled={!canManage}
            value={form.homeCountry}
            onChange={set("homeCountry")}
            error={err("homeCountry")}
          />
          <CheckboxField
            label="Let whoever accepted a delivery also approve its payment"
            hint="Off: separation of duties, the acceptor cannot approve the payment. Changing it is audit-logged."
            disabled={!canManage}
            checked={form.paymentByAcceptor}
            onChange={(e) => {
              setSaved(false);
              const checked = e.target.checked;
              setForm((f) => (f ? { ...f, paymentByAcceptor: checked } : f));
            }}
          />
          {canManage && (
            <div className="form--grid__submit">
              <BusyButton className="button button--primary" busy={submit.busy} busyLabel="Saving…">
                Save settings
              </BusyButton>
            </div>
          )}
        </form>
      )}
    </SectionPanel>
  );
}
