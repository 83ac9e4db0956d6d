import { MarkdownView } from '../../../components/MarkdownView.tsx';

/** The project's guidelines, folded away until needed; the G key toggles them (see TaskForm). */
export function GuidelinesPanel({
  guidelines,
  open,
  onToggle,
}: {
  guidelines: string;
  open: boolean;
  onToggle: () => void;
}) {
  return (
    <section className="card guidelines" aria-label="Guidelines">
      <button
        type="button"
        className="disclosure"
        aria-expanded={open}
        aria-controls="guidelines-body"
        onClick={onToggle}
      >
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> Guidelines <kbd>G</kbd>
      </button>
      <div id="guidelines-body" hidden={!open}>
        {guidelines.trim() ? (
          <MarkdownView text={guidelines} />
        ) : (
          <p className="muted">This project has no guidelines.</p>
        )}
      </div>
    </section>
  );
}
