import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileJournal, JOURNAL_FILE } from '../../src-main/node/delivery-journal.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('file delivery journal', () => {
  it('keeps what was added across instances, trims to what is kept, and skips junk lines', async () => {
    dir = mkdtempSync(join(tmpdir(), 'occ-journal-'));
    const a = createFileJournal(dir);
    expect(await a.read()).toEqual([]);
    a.add('m1.0');
    a.add('m1.1');
    // A torn last line (power cut mid-append) is ignored, not trusted.
    writeFileSync(join(dir, JOURNAL_FILE), readFileSync(join(dir, JOURNAL_FILE), 'utf8') + 'm1.2\nm1.3 x');
    const b = createFileJournal(dir);
    expect(await b.read()).toEqual(['m1.0', 'm1.1', 'm1.2']);
    b.retain(new Set(['m1.1', 'zz']));
    expect(await createFileJournal(dir).read()).toEqual(['m1.1']);
    expect(() => b.add('bad id\n')).toThrow(RangeError);
  });
});
