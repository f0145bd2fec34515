/**
 * renderer_heap_growth_ratio: the renderer's JS heap (after a forced GC) once an 8-hour demo shift
 * has played, over the heap after its first hour, in Debian's Chromium against the real stack. The
 * demo plays at `SPEED` times real time, so 8 scenario hours take 8 h / SPEED of wall time.
 * Needs the built renderer (`npm run build`).
 */
import type { Page } from '@playwright/test';
import { startStack } from '../e2e/support/stack.js';
import { launchChromium, needRenderer } from './renderer.js';
import type { BenchSection } from './sections.js';

const HOUR_MS = 3_600_000;

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach();
  }
}

/** Run the heap bench at `speed` (quick: a faster play, same scenario hours). */
export async function benchRendererHeap(speed: number, log: (m: string) => void) {
  needRenderer();
  const stack = await startStack({ scenario: 'demo', speed, pollIntervalSeconds: 2 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const started = Date.now();
    await page.goto(stack.url);
    await page.getByText(/Live · synced/).waitFor({ timeout: 30_000 });
    const until = async (scenarioHours: number) => {
      const wait = started + (scenarioHours * HOUR_MS) / speed - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    };
    await until(1);
    const first = await heapAfterGc(page);
    const rows1 = await page.locator('[role="listitem"]').count();
    log(
      `renderer heap after the first scenario hour: ${(first / 1e6).toFixed(2)} MB (${rows1} rows in view)`,
    );
    await until(8);
    const last = await heapAfterGc(page);
    const pages = stack.sim.record().incidents.length;
    log(
      `renderer heap after 8 scenario hours: ${(last / 1e6).toFixed(2)} MB (${pages} incidents in the simulator)`,
    );
    if (pages === 0) throw new Error('the demo shift produced no incidents');
    return {
      renderer_heap_mb_hour_1: Math.round(first / 1e4) / 100,
      renderer_heap_mb_hour_8: Math.round(last / 1e4) / 100,
      renderer_heap_growth_ratio: Math.round((last / first) * 1000) / 1000,
    };
  } finally {
    await browser.close();
    await stack.close();
  }
}

/** The heap section of `npm run bench`. */
export const rendererHeapSection: BenchSection = {
  name: 'renderer heap',
  run: async (ctx) => {
    // 8 scenario hours in 60 s (quick: 30 s).
    const speed = ctx.quick ? 960 : 480;
    ctx.log(`renderer heap: an 8-hour demo shift at --speed ${speed} in Chromium`);
    return benchRendererHeap(speed, ctx.log);
  },
  checks: [{ metric: 'renderer_heap_growth_ratio', rule: '<= 1.10 (within 10%)', limit: () => 1.1 }],
};
