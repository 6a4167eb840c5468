import { useId, useState } from "react";
import { ApiError } from "../api/api-client.ts";
import { CopyButton } from "../components/copy-button.tsx";
import type { HandOff, RespondentView } from "./questionnaire-types.ts";
import type { RespondentApi } from "./respondent-api.ts";

/**
 * Hands one section to a colleague (a single-use link that answers only that section, shown once),
 * or, while it is handed, says to whom and takes it back. The colleague's answers are fetched on
 * demand, so the respondent's own unsaved answers elsewhere stay as they are.
 */
export function SectionHandOff(props: {
  respondent: RespondentApi;
  section: { id: string; title: string };
  /** The live hand-off of this section, if any. */
  handOff: HandOff | undefined;
  disabled: boolean;
  onChanged(view: RespondentView | null, handOff?: HandOff): void;
}) {
  const id = useId();
  const [recipient, setRecipient] = useState("");
  const [issued, setIssued] = useState<{ url: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { section, handOff } = props;

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : "Something went wrong: try again.");
    } finally {
      setBusy(false);
    }
  };
  const give = () =>
    run(async () => {
      const result = await props.respondent.handOff({ section: section.id, recipient: recipient.trim() });
      setIssued({ url: result.link.url, expiresAt: result.link.expiresAt });
      setRecipient("");
      props.onChanged(null, result.handOff);
    });
  const takeBack = () =>
    run(async () => {
      if (!handOff) return;
      const view = await props.respondent.takeBack(handOff.id);
      setIssued(null);
      props.onChanged(view);
    });
  const refresh = () =>
    run(async () => {
      props.onChanged(await props.respondent.load());
    });

  return (
    <div className="hand-off">
      {handOff ? (
        <>
          <p className="hand-off__state">
            Handed to <strong>{handOff.recipient}</strong> until {handOff.expiresAt.slice(0, 10)}: their
            answers appear here; yours to this section are not saved until you take it back.
          </p>
          {issued && (
            <p>
              Send this link to {handOff.recipient} (it is shown only now):{" "}
              <code id={`${id}-link`}>{issued.url}</code>{" "}
              <CopyButton text={issued.url} targetId={`${id}-link`} />
            </p>
          )}
          <div className="hand-off__actions">
            <button
              type="button"
              className="button"
              disabled={busy || props.disabled}
              onClick={() => void refresh()}
            >
              Show their latest answers
            </button>
            <button
              type="button"
              className="button"
              disabled={busy || props.disabled}
              onClick={() => void takeBack()}
            >
              Take back “{section.title}”
            </button>
          </div>
        </>
      ) : (
        <details className="hand-off__give">
          <summary>Hand “{section.title}” to a colleague</summary>
          <p className="answer-form__meta">
            They get their own link that opens only this section: they can answer it, save drafts and attach
            files, but not see the rest or submit. You can take it back at any time.
          </p>
          <label className="field__label" htmlFor={`${id}-recipient`}>
            Colleague (name or e-mail, for your records)
          </label>
          <input
            id={`${id}-recipient`}
            className="input"
            value={recipient}
            maxLength={200}
            onChange={(e) => setRecipient(e.target.value)}
          />
          <div className="hand-off__actions">
            <button
              type="button"
              className="button"
              disabled={busy || props.disabled || !recipient.trim()}
              onClick={() => void give()}
            >
              Create a link for “{section.title}”
            </button>
          </div>
        </details>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
