/**
 * The undo bar: "Resolved #12 · Undo (4 s)" while a resolve or an acknowledge-all waits out its
 * window in the core. Nothing has been sent while it shows; `u`, Ctrl+Z or the button take it back.
 */
import { useApp } from '../store/context';
import { secondsLeft } from '../store/undo';

/** The bar, shown only during an undo window. */
export function UndoBar() {
  const undo = useApp((s) => s.undo);
  const now = useApp((s) => s.now);
  const undoLast = useApp((s) => s.undoLast);
  if (!undo) return null;
  const left = secondsLeft(undo, now);
  return (
    <div className="undo-bar" role="status" data-undo-for={undo.actionId}>
      <span dir="auto">{undo.label}</span>
      <span aria-hidden="true">·</span>
      <button type="button" className="btn btn-small" onClick={() => void undoLast()}>
        Undo <kbd aria-hidden="true">u</kbd>
      </button>
      <span className="muted">{left > 0 ? `sent in ${left} s` : 'sending'}</span>
    </div>
  );
}
