/**
 * `npm run bench`: runs every section of BENCH_SECTIONS (see sections.ts) and prints a table, or
 * with `--json` one JSON object holding every metric and the checks against the thresholds.
 * Options: `--quick` (fewer samples, for development), `--only name,name` (run some sections).
 * Exits 1 when a check fails. Progress goes to stderr.
 */
import { parseArgs } from 'node:util';
import { BENCH_SECTIONS, type Metrics } from './sections.js';

interface CheckResult {
  metric: string;
  rule: string;
  value: number | null;
  limit: number | null;
  ratio: number | null;
  pass: boolean | null;
}

const { values } = parseArgs({
  options: { json: { type: 'boolean' }, quick: { type: 'boolean' }, only: { type: 'string' } },
  strict: true,
});
const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : null;
const log = (m: string): void => void process.stderr.write(`bench: ${m}\n`);

const metrics: Metrics = {};
const started = Date.now();
for (const section of BENCH_SECTIONS) {
  if (only && !only.has(section.name)) continue;
  log(`running ${section.name}`);
  Object.assign(metrics, await section.run({ quick: values.quick === true, log }));
}

const checks: CheckResult[] = [];
for (const section of BENCH_SECTIONS) {
  if (only && !only.has(section.name)) continue;
  for (const c of section.checks ?? []) {
    const value = metrics[c.metric] ?? null;
    const limit = c.limit(metrics);
    const pass = value === null || limit === null ? null : value <= limit;
    const ratio =
      value === null || limit === null || limit === 0 ? null : Math.round((value / limit) * 100) / 100;
    checks.push({
      metric: c.metric,
      rule: c.rule,
      value,
      limit: limit === null ? null : Math.round(limit * 100) / 100,
      ratio,
      pass,
    });
  }
}
const pass = checks.every((c) => c.pass !== false);

if (values.json) {
  const out: Record<string, unknown> = { ...metrics };
  for (const c of checks) if (c.ratio !== null) out[`${c.metric}_ratio`] = c.ratio;
  out.checks = checks;
  out.pass = pass;
  out.quick = values.quick === true;
  out.duration_s = Math.round((Date.now() - started) / 1000);
  process.stdout.write(JSON.stringify(out) + '\n');
} else {
  const rows: string[][] = [['metric', 'value']];
  for (const [k, v] of Object.entries(metrics)) rows.push([k, v === null ? 'n/a' : String(v)]);
  const w0 = Math.max(...rows.map((r) => (r[0] as string).length));
  const lines = rows.map((r) => `${(r[0] as string).padEnd(w0)}  ${r[1]}`);
  lines.splice(1, 0, `${'-'.repeat(w0)}  ${'-'.repeat(10)}`);
  const crow = [['check', 'value', 'limit', 'ratio', 'result', 'rule']];
  for (const c of checks) {
    crow.push([
      c.metric,
      c.value === null ? 'n/a' : String(c.value),
      c.limit === null ? 'n/a' : String(c.limit),
      c.ratio === null ? 'n/a' : c.ratio.toFixed(2),
      c.pass === null ? 'n/a' : c.pass ? 'PASS' : 'FAIL',
      c.rule,
    ]);
  }
  const widths = (crow[0] as string[]).map((_, i) => Math.max(...crow.map((r) => (r[i] as string).length)));
  const clines = crow.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd(),
  );
  clines.splice(1, 0, widths.map((n) => '-'.repeat(n)).join('  '));
  process.stdout.write(
    `${lines.join('\n')}\n\n${clines.join('\n')}\n\n${pass ? 'all checks pass' : 'SOME CHECKS FAIL'}` +
      `${values.quick ? ' (quick run)' : ''}\n`,
  );
}
process.exit(pass ? 0 : 1);
