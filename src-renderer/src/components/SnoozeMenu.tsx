/**
 * The snooze duration menu: opened by a row's Snooze button or the `s` key; arrows or 1–5 pick,
 * Enter confirms, Esc closes. Positioned next to its button, above everything.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { SNOOZE_OPTIONS } from '../store/format';

/** Props of {@link SnoozeMenu}. */
export interface SnoozeMenuProps {
  incidentId: string;
  incidentTitle: string;
  onPick(seconds: number): void;
  onClose(): void;
}

/** The menu. */
export function SnoozeMenu(p: SnoozeMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);

  useEffect(() => {
    const items = ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]');
    items?.[active]?.focus();
  }, [active]);

  // Place the menu next to the Snooze button of its incident (row or detail view).
  useLayoutEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    const btn = document.querySelector(`[data-snooze-for="${CSS.escape(p.incidentId)}"]`);
    const r = btn?.getBoundingClientRect() ?? { left: 200, top: 120, bottom: 140 };
    const h = menu.offsetHeight || 230;
    const below = r.bottom + 4;
    const top = below + h < window.innerHeight ? below : Math.max(8, r.top - h - 4);
    menu.style.left = `${Math.max(8, Math.min(r.left, window.innerWidth - menu.offsetWidth - 8))}px`;
    menu.style.top = `${top}px`;
  }, [p.incidentId]);

  return (
    <div className="menu-backdrop" onClick={p.onClose}>
      <div
        ref={ref}
        role="menu"
        aria-label={`Snooze “${p.incidentTitle}” for`}
        className="menu"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          const n = SNOOZE_OPTIONS.length;
          if (e.key === 'ArrowDown' || e.key === 'j') setActive((a) => (a + 1) % n);
          else if (e.key === 'ArrowUp' || e.key === 'k') setActive((a) => (a + n - 1) % n);
          else if (e.key === 'Escape') p.onClose();
          else {
            const opt = SNOOZE_OPTIONS.find((o) => o.key === e.key);
            if (opt) p.onPick(opt.seconds);
            else if (e.key !== 'Enter' && e.key !== ' ' && e.key !== 'Tab') return;
            else if (e.key === 'Tab') e.preventDefault();
            else return;
          }
          e.preventDefault();
          e.stopPropagation();
        }}
      >
        <div className="menu-title" aria-hidden="true">
          Snooze for
        </div>
        {SNOOZE_OPTIONS.map((o, i) => (
          <button
            key={o.seconds}
            type="button"
            role="menuitem"
            tabIndex={i === active ? 0 : -1}
            className="menu-item"
            onClick={() => p.onPick(o.seconds)}
          >
            <span>{o.label}</span>
            <kbd aria-hidden="true">{o.key}</kbd>
          </button>
        ))}
      </div>
    </div>
  );
}
