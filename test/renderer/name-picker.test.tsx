/**
 * The service and team picker: what a chosen id shows (its name, or the id marked not found on the
 * account or not known yet), the no-match sentence, the options (chosen ones left out, a typed id
 * offered as is), the arrow keys, and the markup: combobox and listbox roles, names as text.
 */
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { NamePicker } from '../../src-renderer/src/views/settings/NamePicker';
import {
  chosenLabel,
  looksLikeId,
  nextActive,
  noMatchText,
  pickOptions,
} from '../../src-renderer/src/views/settings/name-picker-logic';
import { AppProvider } from '../../src-renderer/src/store/context';
import { createAppStore } from '../../src-renderer/src/store/store';
import type { RendererApi } from '../../src-renderer/src/api/http-bridge';
import type { NamedItem } from '../../src-main/shared/names';

const checkout: NamedItem = { id: 'PSV0001', name: 'checkout-api', detail: 'Platform' };

describe('picker logic', () => {
  it('a chosen id shows its name with the id as detail, or the id marked', () => {
    const known = new Map([[checkout.id, checkout]]);
    expect(chosenLabel('PSV0001', known, true, 'service', 1)).toEqual({
      id: 'PSV0001',
      name: 'checkout-api',
      detail: 'PSV0001 · Platform',
      missing: null,
    });
    expect(chosenLabel('PGONE', known, true, 'service', 1)).toMatchObject({
      name: 'PGONE',
      missing: 'not_found',
      detail: 'no service with this ID on this account',
    });
    expect(chosenLabel('PGONE', known, true, 'team', 2).detail).toBe(
      'no team with this ID on any of your accounts',
    );
    expect(chosenLabel('PGONE', known, false, 'service', 1)).toMatchObject({
      name: 'PGONE',
      missing: 'unknown',
    });
    const eu = { ...checkout, account: { id: 'eu', name: 'Acme EU' } };
    expect(chosenLabel('PSV0001', new Map([[eu.id, eu]]), true, 'service', 2).detail).toBe(
      'PSV0001 · Platform · Acme EU',
    );
  });

  it('says a name matched nothing, on this account or any', () => {
    expect(noMatchText('service', ' zebra ', 1)).toBe("No service named 'zebra' on this account");
    expect(noMatchText('team', 'ops', 3)).toBe("No team named 'ops' on any of your accounts");
    expect(noMatchText('service', 'x', 1, true)).toBe("No service named 'x' in the lists that could be read");
  });

  it('leaves out chosen ones and offers a typed id that matched nothing', () => {
    const pay: NamedItem = { id: 'PSV0002', name: 'payments-worker', detail: null };
    expect(pickOptions('p', [checkout, pay], ['PSV0001'])).toEqual([{ kind: 'item', item: pay }]);
    expect(pickOptions('PABC123', [], [])).toEqual([{ kind: 'id', id: 'PABC123' }]);
    expect(pickOptions('PABC123', [], ['PABC123'])).toEqual([]);
    expect(pickOptions('PSV0001', [checkout], [])).toEqual([{ kind: 'item', item: checkout }]);
    expect(pickOptions('checkout api', [], [])).toEqual([]);
    expect(looksLikeId('pabc123')).toBe(false);
  });

  it('arrow keys wrap, Home and End jump, nothing to move over is -1', () => {
    expect(nextActive(-1, 3, 'ArrowDown')).toBe(0);
    expect(nextActive(2, 3, 'ArrowDown')).toBe(0);
    expect(nextActive(0, 3, 'ArrowUp')).toBe(2);
    expect(nextActive(1, 3, 'Home')).toBe(0);
    expect(nextActive(0, 3, 'End')).toBe(2);
    expect(nextActive(5, 2, 'x')).toBe(1);
    expect(nextActive(0, 0, 'ArrowDown')).toBe(-1);
  });
});

describe('picker markup', () => {
  it('a combobox tied to its listbox; chosen ids listed, none of their text as markup', () => {
    const api = new Proxy(
      {},
      { get: () => async () => ({ ok: false, error: { code: 'failed', message: 'x' } }) },
    );
    const store = createAppStore(api as RendererApi);
    const html = renderToStaticMarkup(
      <AppProvider store={store} api={api as RendererApi}>
        <NamePicker
          kind="service"
          label="Only these services"
          multiple
          chosen={['<img src=x onerror=alert(1)>']}
          onChange={() => {}}
        />
      </AppProvider>,
    );
    expect(html).toMatch(/role="combobox"[^>]*aria-expanded="false"/);
    expect(html).toMatch(/aria-controls="([^"]+)-list"/);
    expect(html).toMatch(/role="listbox"/);
    expect(html).toContain('aria-label="Chosen services"');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
