/**
 * List order and filtering: triggered before acknowledged, high before low, newest first; the
 * filter box matches every word against title, service, number and people.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyData } from '../../src-renderer/src/store/model.js';
import { applySnapshot, startSending } from '../../src-renderer/src/store/reducer.js';
import {
  compareRows,
  myTriggeredIds,
  selectMyTriggeredCount,
  visibleRows,
} from '../../src-renderer/src/store/selectors.js';
import { incident, snapshot } from './fixtures.js';

const NOW = Date.parse('2026-01-01T12:00:00.000Z');

describe('list order', () => {
  it('puts triggered first, then acknowledged; high first; newest first', () => {
    const d = applySnapshot(
      emptyData(),
      snapshot([
        incident('P1', { status: 'acknowledged', urgency: 'high', createdAt: '2026-01-01T11:00:00.000Z' }),
        incident('P2', { urgency: 'low', createdAt: '2026-01-01T11:30:00.000Z' }),
        incident('P3', { urgency: 'high', createdAt: '2026-01-01T10:00:00.000Z' }),
        incident('P4', { urgency: 'high', createdAt: '2026-01-01T11:00:00.000Z' }),
      ]),
    );
    expect(visibleRows(d, '', NOW).map((r) => r.incident.id)).toEqual(['P4', 'P3', 'P2', 'P1']);
  });

  it('is a total order consistent with status rank (property)', () => {
    const arb = fc.array(
      fc.record({
        status: fc.constantFrom('triggered' as const, 'acknowledged' as const),
        urgency: fc.constantFrom('high' as const, 'low' as const),
        minute: fc.integer({ min: 0, max: 59 }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (specs) => {
        const incs = specs.map((s, i) =>
          incident(`P${i + 1}`, {
            number: i + 1,
            status: s.status,
            urgency: s.urgency,
            createdAt: `2026-01-01T10:${String(s.minute).padStart(2, '0')}:00.000Z`,
          }),
        );
        const rows = visibleRows(applySnapshot(emptyData(), snapshot(incs)), '', NOW);
        expect(rows).toHaveLength(incs.length);
        for (let i = 1; i < rows.length; i++)
          expect(compareRows(rows[i - 1]!, rows[i]!)).toBeLessThanOrEqual(0);
        const firstAck = rows.findIndex((r) => r.status === 'acknowledged');
        if (firstAck >= 0) expect(rows.slice(firstAck).every((r) => r.status === 'acknowledged')).toBe(true);
      }),
    );
  });

  it('shows a row marked sending an acknowledge as acknowledged, in place until the core shows it', () => {
    let d = applySnapshot(
      emptyData(),
      snapshot([incident('P1'), incident('P2', { status: 'acknowledged' })]),
    );
    const order = visibleRows(d, '', NOW).map((r) => r.incident.id);
    d = startSending(d, ['P1'], 'acknowledge', 'acknowledged');
    const rows = visibleRows(d, '', NOW);
    expect(rows.every((r) => r.status === 'acknowledged')).toBe(true);
    // It keeps its place until the core's snapshot shows the acknowledge.
    expect(rows.map((r) => r.incident.id)).toEqual(order);
    d = applySnapshot(
      d,
      snapshot([incident('P1', { status: 'acknowledged' }), incident('P2', { status: 'acknowledged' })]),
    );
    expect(visibleRows(d, '', NOW).every((r) => r.status === 'acknowledged')).toBe(true);
  });
});

describe('filter', () => {
  const d = applySnapshot(
    emptyData(),
    snapshot([
      incident('P1', { title: 'Disk full on db-1', service: { id: 'S', summary: 'postgres' } }),
      incident('P2', { title: 'Latency high', assignees: [{ id: 'U2', summary: 'Alex Kim' }] }),
      incident('P12', { title: 'Cert expiring' }),
    ]),
  );
  const ids = (f: string) =>
    visibleRows(d, f, NOW)
      .map((r) => r.incident.id)
      .sort();

  it('matches every word, case-insensitively, across fields', () => {
    expect(ids('DISK')).toEqual(['P1']);
    expect(ids('postgres disk')).toEqual(['P1']);
    expect(ids('alex')).toEqual(['P2']);
    expect(ids('#12')).toEqual(['P12']);
    expect(ids('disk alex')).toEqual([]);
    expect(ids('   ')).toEqual(['P1', 'P12', 'P2']);
  });

  it('knows my triggered incidents', () => {
    expect(myTriggeredIds(d).sort()).toEqual(['P1', 'P12']);
  });

  it('counts my triggered incidents for the button, and follows a sending mark', () => {
    expect(selectMyTriggeredCount(d)).toBe(myTriggeredIds(d).length);
    // Same inputs, same answer (memoised); a new sending mark is a new input.
    expect(selectMyTriggeredCount(d)).toBe(2);
    const acking = startSending(d, ['P1'], 'acknowledge', 'acknowledged');
    expect(selectMyTriggeredCount(acking)).toBe(1);
    expect(selectMyTriggeredCount(d)).toBe(2);
  });
});
