/**
 * Renderer benchmark in Debian's Chromium against the real stack (simulator, client, engine,
 * preview server): `render_1000_ms`, from the first snapshot of 1,000 open incidents reaching the
 * page to the list painted (median of several page loads), and `ack_key_to_row_ms`, from the `a`
 * key to the selected row showing acknowledged on screen (median of several presses).
 * Needs the built renderer (`npm run build`).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RENDERER_DIR, startStack } from '../e2e/support/stack.js';
import type { BenchSection } from './sections.js';

const INCIDENTS = 1000;
const LOADS = 5;
const ACKS = 9;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function waitForMark(page: Page, name: string): Promise<void> {
  // Polled with evaluate: waitForFunction with a string would need 'unsafe-eval', which the CSP forbids.
  const deadline = Date.now() + 30_000;
  while (!(await page.evaluate(`performance.getEntriesByName(${JSON.stringify(name)}).length > 0`))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for the ${name} mark`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function renderOnce(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await waitForMark(page, 'oncall:list-painted');
  return (await page.evaluate(
    `performance.getEntriesByName('oncall:list-painted')[0].startTime - performance.getEntriesByName('oncall:snapshot-received')[0].startTime`,
  )) as number;
}

/**
 * One `a` press on the first triggered row, timed in the page until the row shows acknowledged and
 * a frame is painted. Plain JS text: tsx's helpers must not leak into the page.
 */
const ACK_ONCE_JS = `(async () => {
  const fire = (key) => window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  // The previous press's row moves down once the core's snapshot shows it: wait for that.
  const top = () => document.querySelector('[role="listitem"][aria-current="true"]');
  for (let i = 0; i < 500; i++) {
    fire('Home');
    await frame();
    if (top()?.dataset.status === 'triggered') break;
  }
  const row = top();
  if (!row || row.dataset.status !== 'triggered') throw new Error('no triggered row selected');
  const id = row.dataset.incidentId;
  const done = () => document.querySelector('[data-incident-id="' + id + '"]')?.dataset.status === 'acknowledged';
  const t0 = performance.now();
  fire('a');
  if (!done()) {
    await new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (done()) { obs.disconnect(); resolve(); }
      });
      obs.observe(document.body, { subtree: true, attributes: true, childList: true });
    });
  }
  const dom = performance.now() - t0;
  await frame();
  return { total: performance.now() - t0, dom };
})()`;

async function ackOnce(page: Page): Promise<{ total: number; dom: number }> {
  return (await page.evaluate(ACK_ONCE_JS)) as { total: number; dom: number };
}

/** Fail early, naming the fix, when the renderer is not built. */
export function needRenderer(): void {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`the renderer is not built (${RENDERER_DIR}): run npm run build first`);
  }
}

/** Debian's Chromium (or CHROMIUM_PATH), headless, as the renderer benches run it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-extensions',
    ],
  });
}

/** Run the renderer bench; resolves with `render_1000_ms`, `ack_key_to_row_ms` and `ack_key_to_dom_ms`. */
export async function benchRenderer(): Promise<Record<string, number>> {
  needRenderer();
  const stack = await startStack();
  const browser = await launchChromium();
  try {
    for (let i = 0; i < INCIDENTS; i++) {
      stack.sim.createIncident({
        title: `Bench incident ${i + 1}: latency above threshold on host-${i % 37}`,
        urgency: i % 4 === 0 ? 'low' : 'high',
      });
    }
    const deadline = Date.now() + 60_000;
    while (stack.source.companion.snapshot().incidents.length < INCIDENTS) {
      if (Date.now() > deadline) throw new Error('the engine did not pick up 1,000 incidents in 60 s');
      await stack.source.companion.syncNow();
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const renders: number[] = [];
    for (let i = 0; i < LOADS; i++) renders.push(await renderOnce(page, stack.url));
    const acks: number[] = [];
    const doms: number[] = [];
    for (let i = 0; i < ACKS; i++) {
      const a = await ackOnce(page);
      acks.push(a.total);
      doms.push(a.dom);
    }
    return {
      render_1000_ms: Math.round(median(renders) * 10) / 10,
      ack_key_to_row_ms: Math.round(median(acks) * 10) / 10,
      // The same press until the row's DOM changed, before the frame that paints it.
      ack_key_to_dom_ms: Math.round(median(doms) * 10) / 10,
    };
  } finally {
    await browser.close();
    await stack.close();
  }
}

/** The renderer's section of `npm run bench`, with the thresholds. */
export const rendererSection: BenchSection = {
  name: 'renderer',
  run: async (ctx) => {
    ctx.log('renderer: 1,000 incidents in Chromium');
    return benchRenderer();
  },
  checks: [
    { metric: 'render_1000_ms', rule: '<= 150', limit: () => 150 },
    { metric: 'ack_key_to_row_ms', rule: '<= 16 (one frame)', limit: () => 16 },
  ],
};

// Run alone: `npx tsx test/bench/renderer.ts`
if (import.meta.url === `file://${process.argv[1]}`) {
  benchRenderer().then(
    (r) => console.log(JSON.stringify(r)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
