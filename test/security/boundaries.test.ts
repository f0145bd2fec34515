/**
 * The layer boundaries are ESLint rules (eslint.config.js); this test proves each one is live by
 * linting a probe import at a path inside the layer (refused) and one outside it (allowed).
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint();

async function restricted(code: string, filePath: string): Promise<boolean> {
  const [result] = await eslint.lintText(`${code}\nexport const probe = x;\n`, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
}

const electron = "import { app as x } from 'electron';";

describe('the Electron boundary', () => {
  it.each([
    'src-main/core/sync/probe.ts',
    'src-main/cli/probe.ts',
    'src-main/node/probe.ts',
    'src-main/app/probe.ts',
    'src-main/preview/probe.ts',
    'src-main/ipc/probe.ts',
    'src-main/shared/probe.ts',
    'src-renderer/src/probe.tsx',
  ])('refuses an electron import in %s', async (file) => {
    expect(await restricted(electron, file)).toBe(true);
  });

  it('allows it in the Electron adapters', async () => {
    expect(await restricted(electron, 'src-main/electron/probe.ts')).toBe(false);
  });
});

describe('the core boundary', () => {
  it.each([
    "import { invokeChannels as x } from '../ipc/contract.js';",
    "import { openSource as x } from '../../node/source.js';",
    "import { runCli as x } from '../cli/run.js';",
    "import { startPreviewServer as x } from '../preview/server.js';",
    "import { createRuntime as x } from '../app/runtime.js';",
    "import { createTray as x } from '../electron/tray.js';",
    "import x from 'node-notifier';",
  ])('refuses %s in the core', async (code) => {
    expect(await restricted(code, 'src-main/core/sync/probe.ts')).toBe(true);
  });

  it('allows the shared types and its own modules', async () => {
    expect(
      await restricted("import type { Incident as x } from '../shared/types.js';", 'src-main/core/probe.ts'),
    ).toBe(false);
    expect(await restricted("import { diff as x } from './sync/diff.js';", 'src-main/core/probe.ts')).toBe(
      false,
    );
  });

  it('lets a host import what the core may not', async () => {
    expect(
      await restricted("import { openSource as x } from '../node/source.js';", 'src-main/app/probe.ts'),
    ).toBe(false);
  });
});

describe('the renderer boundary', () => {
  const file = 'src-renderer/src/store/probe.ts';
  it.each([
    "import { createCompanion as x } from '../../../src-main/core/companion';",
    "import type { Incident as x } from '../../../src-main/core/domain';",
    "import { createRuntime as x } from '../../../src-main/app/runtime';",
    "import { openSource as x } from '../../../src-main/node/source';",
    "import { startPreviewServer as x } from '../../../src-main/preview/server';",
  ])('refuses %s', async (code) => {
    expect(await restricted(code, file)).toBe(true);
  });

  it.each([
    "import type { Incident as x } from '../../../src-main/shared/types';",
    "import { POLL_INTERVAL_MIN_S as x } from '../../../src-main/shared/limits';",
    "import { invokeChannels as x } from '../../../src-main/ipc/contract';",
    "import { appSettingsSchema as x } from '../../../src-main/ipc/app-settings';",
  ])('allows %s', async (code) => {
    expect(await restricted(code, file)).toBe(false);
  });
});

describe('raw IPC', () => {
  const ipc = "import { ipcMain as x } from 'electron';";
  it('is refused in the Electron adapters other than the gate', async () => {
    expect(await restricted(ipc, 'src-main/electron/main.ts')).toBe(true);
    expect(await restricted(ipc, 'src-main/electron/tray.ts')).toBe(true);
    expect(
      await restricted("import { ipcRenderer as x } from 'electron';", 'src-main/electron/window.ts'),
    ).toBe(true);
  });

  it('is allowed in the gate and the preload', async () => {
    expect(await restricted(ipc, 'src-main/electron/ipc.ts')).toBe(false);
    expect(
      await restricted("import { ipcRenderer as x } from 'electron';", 'src-main/preload/preload.ts'),
    ).toBe(false);
  });
});
