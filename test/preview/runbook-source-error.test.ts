/**
 * The shared runbook file's error in the preview's Settings view: named by line in `getSettings`,
 * in the view `updateSettings` returns and in the `settingsChanged` event, from the first settings
 * on, and gone once the file is fixed and saved again.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src-main/core/ports.js';
import type { SettingsView } from '../../src-main/ipc/contract.js';
import { createPreviewHistory } from '../../src-main/preview/history.js';
import type { PreviewServer } from '../../src-main/preview/server.js';
import type { Runtime } from '../../src-main/app/runtime.js';
import { fakeCompanion, historyOf, runtimeOver } from './fake-companion.js';
import {
  FIXED_RUNBOOKS as FIXED,
  MALFORMED_RUNBOOKS as MALFORMED,
  RUNBOOKS_LINE_6 as LINE_6,
} from '../support/runbook-files.js';
import { PREVIEW_TOKEN, invokeJson, servePreview } from './serve.js';

/** Listens to the event stream and collects the settingsChanged views. */
function listen(port: number): Promise<{ views: SettingsView[]; close(): void }> {
  const views: SettingsView[] = [];
  let req: ClientRequest;
  return new Promise((resolve, reject) => {
    req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/api/events?token=${PREVIEW_TOKEN}`,
        headers: { host: `127.0.0.1:${port}` },
      },
      (res) => {
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          buf += c;
          if (buf.includes(': connected')) resolve({ views, close: () => req.destroy() });
          let m: RegExpExecArray | null;
          while ((m = /event: settingsChanged\ndata: (.*)\n\n/.exec(buf))) {
            views.push(JSON.parse(m[1]!) as SettingsView);
            buf = buf.slice(m.index + m[0].length);
          }
        });
      },
    );
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
    req.end();
  });
}

describe('the shared runbook file error in Settings (preview)', () => {
  let root: string;
  let file: string;
  let server: PreviewServer | null = null;
  let runtime: Runtime | null = null;
  let history: Awaited<ReturnType<typeof createPreviewHistory>> | null = null;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'h12-preview-rb-'));
    file = join(root, 'team-runbooks.yaml');
    await writeFile(file, MALFORMED);
    history = await createPreviewHistory({ logger: silentLogger });
  });
  afterEach(async () => {
    await server?.close();
    await runtime?.close();
    await history?.close();
    server = null;
    runtime = null;
    await rm(root, { recursive: true, force: true });
  });

  async function start(settings?: { runbookSource: string }): Promise<number> {
    runtime = runtimeOver(fakeCompanion(), {
      history: history ? historyOf(history) : null,
      ...(settings ? { settings } : {}),
    });
    let port: number;
    ({ server, port } = await servePreview(runtime, root));
    return port;
  }

  it('a saved malformed file: the returned view and settingsChanged name the line; a fix clears it', async () => {
    const port = await start();
    const first = (await invokeJson(port, 'getSettings', [])) as { value: SettingsView };
    expect(first.value.runbookSourceError).toBeNull();
    const events = await listen(port);
    try {
      const saved = (await invokeJson(port, 'updateSettings', [{ runbookSource: file }])) as {
        value: { ok: true; view: SettingsView };
      };
      expect(saved.value.ok).toBe(true);
      expect(saved.value.view.runbookSourceError).toContain(LINE_6);
      await expect.poll(() => events.views.at(-1)?.runbookSourceError).toContain(LINE_6);
      const got = (await invokeJson(port, 'getSettings', [])) as { value: SettingsView };
      expect(got.value.runbookSourceError).toContain(LINE_6);

      // Fixed on disk and saved again (nothing else changed): the error goes away.
      await writeFile(file, FIXED);
      const n = events.views.length;
      const again = (await invokeJson(port, 'updateSettings', [{}])) as { value: { view: SettingsView } };
      expect(again.value.view.runbookSourceError).toBeNull();
      await expect.poll(() => events.views.length).toBeGreaterThan(n);
      // The view sent at once may still carry the old error; the one after the re-read does not.
      await expect.poll(() => events.views.at(-1)?.runbookSourceError).toBeNull();
    } finally {
      events.close();
    }
  });

  it('a malformed file in the first settings shows from the start', async () => {
    const port = await start({ runbookSource: file });
    const got = (await invokeJson(port, 'getSettings', [])) as { value: SettingsView };
    expect(got.value.settings.runbookSource).toBe(file);
    expect(got.value.runbookSourceError).toContain(LINE_6);
  });

  it('without a history there is no runbook error to show', async () => {
    await history?.close();
    history = null;
    const port = await start({ runbookSource: file });
    const got = (await invokeJson(port, 'getSettings', [])) as { value: SettingsView };
    expect(got.value.runbookSourceError).toBeNull();
  });
});
