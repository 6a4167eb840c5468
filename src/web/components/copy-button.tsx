import { useState } from "react";

/** Copies a text to the clipboard and says so; falls back to selecting it for Ctrl+C. */
export function CopyButton({ text, targetId }: { text: string; targetId?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      const target = targetId ? document.getElementById(targetId) : null;
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) target.select();
      setState("failed");
    }
  };

  return (
    <>
      <button type="button" className="button button--secondary" onClick={copy}>
        {state === "copied" ? "Copied" : "Copy"}
      </button>
      <span className="visually-hidden" role="status">
        {state === "copied" ? "Copied to the clipboard." : ""}
        {state === "failed" ? "Copying is blocked here: the text is selected, press Ctrl+C." : ""}
      </span>
    </>
  );
}
