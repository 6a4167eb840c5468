/** A quiet "loading" line with a spinner, announced to screen readers. */
export function LoadingState({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
