/**
 * Pick services or teams by name (the Settings filters and the runbook editor): type part of a
 * name, move with the arrow keys, Enter picks; Escape closes the list. An ARIA 1.2 combobox with a
 * listbox popup (aria-activedescendant keeps the focus in the input). The chosen ones show by name
 * with the id as small detail; an id whose name is unknown shows as the id, saying whether it is on
 * no account or the list could not be read. Names are the account's text: rendered as text only.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { NameKind, NamedItem, NameSearchResult } from '../../../../src-main/shared/names';
import { useApi, useApp } from '../../store/context';
import { chosenLabel, nextActive, noMatchText, pickOptions, type PickOption } from './name-picker-logic';

/** What the picker shows and changes. */
export interface NamePickerProps {
  kind: NameKind;
  label: string;
  hint?: string;
  /** The chosen ids. */
  chosen: readonly string[];
  /** Several (the filters) or one (a runbook's service: a pick replaces it). */
  multiple: boolean;
  onChange(ids: string[], picked: NamedItem | null): void;
  errors?: readonly string[];
}

const PLURAL: Record<NameKind, string> = { service: 'services', team: 'teams' };

function optionKey(o: PickOption): string {
  return o.kind === 'item' ? `${o.item.account?.id ?? ''}~${o.item.id}` : `id~${o.id}`;
}

/** The chosen ids' names: asked once per id set, and added to by picks. */
function useKnownNames(kind: NameKind, ids: readonly string[]) {
  const api = useApi();
  const [known, setKnown] = useState<ReadonlyMap<string, NamedItem>>(new Map());
  const [complete, setComplete] = useState(false);
  const key = [...ids].sort().join(',');
  useEffect(() => {
    const wanted = key ? key.split(',') : [];
    if (wanted.length === 0) return;
    let live = true;
    void api
      .lookupNames(kind === 'service' ? { services: wanted, teams: [] } : { services: [], teams: wanted })
      .then((r) => {
        if (!live || !r.ok) return;
        const found = kind === 'service' ? r.value.services : r.value.teams;
        setKnown((m) => {
          const next = new Map(m);
          for (const f of found) if (!next.has(f.id)) next.set(f.id, f);
          return next;
        });
        setComplete(r.value.complete);
      });
    return () => {
      live = false;
    };
  }, [api, kind, key]);
  const remember = (item: NamedItem) => setKnown((m) => new Map(m).set(item.id, item));
  return { known, complete, remember };
}

export function NamePicker(props: NamePickerProps) {
  const { kind, chosen, multiple } = props;
  const api = useApi();
  const accounts = useApp((s) => (s.settings?.settings.accounts.length ?? 0) + 1);
  const base = useId();
  const inputId = `${base}-input`;
  const listId = `${base}-list`;
  const statusId = `${base}-status`;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<NameSearchResult | null>(null);
  const [searched, setSearched] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const seq = useRef(0);
  const { known, complete, remember } = useKnownNames(kind, chosen);
  // The latest props and text, for a pick that lands after an awaited search.
  const latest = useRef({ chosen, onChange: props.onChange, query });
  useEffect(() => {
    latest.current = { chosen, onChange: props.onChange, query };
  });

  // Search as the user types (the list is in main's memory: no request per key to PagerDuty).
  useEffect(() => {
    if (!open) return;
    const n = ++seq.current;
    const t = setTimeout(
      () => {
        const find = kind === 'service' ? api.findServices : api.findTeams;
        void find(query).then((r) => {
          if (n !== seq.current) return;
          setSearched(query);
          if (r.ok) {
            setResult(r.value);
            setFailure(null);
          } else {
            setResult(null);
            setFailure(r.error.message);
          }
        });
      },
      query ? 120 : 0,
    );
    return () => clearTimeout(t);
  }, [api, kind, query, open]);

  const options = useMemo(() => pickOptions(query, result?.matches ?? [], chosen), [query, result, chosen]);
  // The active option belongs to one list: a new list starts on its best match when something is typed.
  const listKey = `${query}|${options.map(optionKey).join(',')}`;
  const [moved, setMoved] = useState<{ list: string; index: number } | null>(null);
  const active = moved && moved.list === listKey ? moved.index : query.trim() && options.length ? 0 : -1;
  const setActive = (index: number) => setMoved({ list: listKey, index });

  const pick = (o: PickOption, typed = query): void => {
    const item: NamedItem = o.kind === 'item' ? o.item : { id: o.id, name: o.id, detail: null };
    if (o.kind === 'item') remember(o.item);
    const { chosen: now, onChange } = latest.current;
    onChange(
      multiple ? [...now.filter((c) => c !== item.id), item.id] : [item.id],
      o.kind === 'item' ? item : null,
    );
    // Text typed since (after an awaited search) is the user's next search: it stays.
    if (latest.current.query === typed) {
      setQuery('');
      setOpen(false);
    }
  };
  /** Enter before the search answered: the best match for exactly what was typed then. */
  const pickBest = async (typed: string): Promise<void> => {
    const r = await (kind === 'service' ? api.findServices(typed) : api.findTeams(typed));
    if (!r.ok) return;
    const best = pickOptions(typed, r.value.matches, latest.current.chosen)[0];
    if (best) pick(best, typed);
  };
  const remove = (id: string): void =>
    latest.current.onChange(
      latest.current.chosen.filter((c) => c !== id),
      null,
    );

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>): void => {
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        e.preventDefault();
        if (!open) setOpen(true);
        else setActive(nextActive(active, options.length, e.key));
        return;
      case 'Home':
      case 'End':
        if (!open || !options.length) return;
        e.preventDefault();
        setActive(nextActive(active, options.length, e.key));
        return;
      case 'Enter': {
        // Never submits the form from here: Enter picks, or says nothing matched.
        e.preventDefault();
        // Typed faster than the search answered: pick the best match when it does.
        if (open && query.trim() && searched !== query) {
          void pickBest(query);
          return;
        }
        const o = open ? options[active] : undefined;
        if (o) pick(o);
        else if (!open) setOpen(true);
        return;
      }
      case 'Escape':
        // First the list closes, then the typed text goes; only then does Escape leave Settings.
        if ((open && options.length) || query) {
          e.preventDefault();
          e.stopPropagation();
          if (open && options.length) setOpen(false);
          else setQuery('');
        }
        return;
      case 'Backspace':
        if (!query && multiple && chosen.length) remove(chosen[chosen.length - 1]!);
        return;
    }
  };

  const activeDom = open && active >= 0 ? `${base}-opt-${active}` : null;
  useEffect(() => {
    if (activeDom) document.getElementById(activeDom)?.scrollIntoView?.({ block: 'nearest' });
  }, [activeDom]);

  const ready = open && searched === query && (result !== null || failure !== null);
  const none = ready && query.trim() !== '' && options.length === 0;
  const activeId = open && active >= 0 && options[active] ? `${base}-opt-${active}` : undefined;
  const status = !open
    ? ''
    : failure
      ? `Could not search: ${failure}`
      : !ready
        ? 'Searching…'
        : none
          ? noMatchText(kind, query, accounts, Boolean(result?.problems.length))
          : `${options.length}${result?.more ? '+' : ''} ${options.length === 1 ? 'match' : 'matches'}`;
  const errors = props.errors ?? [];
  const labels = chosen.map((id) => chosenLabel(id, known, complete, kind, accounts));

  return (
    <div className={`field name-picker${errors.length ? ' field-invalid' : ''}`}>
      <label htmlFor={inputId}>{props.label}</label>
      {labels.length ? (
        <ul className="np-chosen" aria-label={`Chosen ${multiple ? PLURAL[kind] : kind}`}>
          {labels.map((l) => (
            <li key={l.id} className={`np-chip${l.missing ? ` np-missing np-${l.missing}` : ''}`}>
              <span className="np-name">{l.name}</span>
              <small className="np-detail">{l.detail}</small>
              {multiple ? (
                <button
                  type="button"
                  className="np-remove"
                  aria-label={`Remove ${l.name}`}
                  title={`Remove ${l.name}`}
                  onClick={() => remove(l.id)}
                >
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="np-box">
        <input
          id={inputId}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeId}
          aria-describedby={[statusId, props.hint ? `${base}-hint` : ''].filter(Boolean).join(' ')}
          aria-invalid={errors.length ? true : undefined}
          placeholder={
            multiple || !chosen.length ? `Type part of a ${kind} name` : `Type to pick another ${kind}`
          }
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          onClick={() => setOpen(true)}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={`${PLURAL[kind][0]!.toUpperCase()}${PLURAL[kind].slice(1)} matching`}
          className="np-list"
          hidden={!open || options.length === 0}
        >
          {options.map((o, i) => {
            const item = o.kind === 'item' ? o.item : null;
            return (
              <li
                key={optionKey(o)}
                id={`${base}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                className={`np-option${i === active ? ' np-active' : ''}`}
                // Keep the focus in the input: the pick happens on the click.
                onMouseDown={(e) => e.preventDefault()}
                onMouseMove={() => setActive(i)}
                onClick={() => pick(o)}
              >
                {item ? (
                  <>
                    <span className="np-name">{item.name}</span>
                    <small className="np-detail">
                      {[item.id, item.detail, item.account?.name].filter(Boolean).join(' · ')}
                    </small>
                  </>
                ) : (
                  <>
                    <span className="np-name">Use the ID {o.kind === 'id' ? o.id : ''}</span>
                    <small className="np-detail">no {kind} by that name or ID was found</small>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      </div>
      <p id={statusId} className={`np-status${none ? ' field-error' : ''}`} role="status" aria-live="polite">
        {status}
      </p>
      {open && ready && result?.problems.length ? (
        <p className="field-hint warn">{result.problems.join(' · ')}</p>
      ) : null}
      {props.hint ? (
        <p className="field-hint" id={`${base}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {errors.map((m, i) => (
        <p key={i} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {m}
        </p>
      ))}
    </div>
  );
}
