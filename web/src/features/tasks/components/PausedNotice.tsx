/**
 * Shown instead of a task when the server refuses new tasks because the annotator is paused
 * (`assignment.annotator_paused`, decided by the gold module): a clear explanation, not a generic error.
 */
export function PausedNotice({ reason, onRetry }: { reason: string | null; onRetry: () => void }) {
  return (
    <section className="card stack" aria-labelledby="paused-title">
      <div className="notice error stack" role="alert">
        <h2 id="paused-title">Your work on this project is paused</h2>
        <p>{reason ?? 'A researcher paused your work on this project.'}</p>
        <p>Your submitted answers are kept. A researcher of the project can resume you; then continue here.</p>
      </div>
      <button type="button" onClick={onRetry}>
        Check again
      </button>
    </section>
  );
}
