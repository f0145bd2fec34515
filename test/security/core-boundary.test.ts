/**
 * The core (and everything that runs without Electron) must never import electron: ESLint enforces
 * it, and this test proves the rule is live for each of those folders and off for the shell.
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint();
const probe = "import { app } from 'electron';\nexport const probe = app;\n";

async function restricted(filePath: string): Promise<boolean> {
  const [result] = await eslint.lintText(probe, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
}

describe('the Electron boundary', () => {
  it.each([
    'src-main/core/sync/probe.ts',
    'src-main/cli/probe.ts',
    'src-main/node/probe.ts',
    'src-main/preview/probe.ts',
    'src-main/ipc/probe.ts',
    'src-renderer/src/probe.tsx',
  ])('refuses an electron import in %s', async (file) => {
    expect(await restricted(file)).toBe(true);
  });

  it('allows it in the Electron adapters', async () => {
    expect(await restricted('src-main/electron/probe.ts')).toBe(false);
  });
});
