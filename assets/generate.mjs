// Generates every icon and the alert sound of On-Call Companion from assets/source/mark.svg.
// Usage: node assets/generate.mjs   (needs Debian's chromium at /usr/bin/chromium or CHROMIUM_PATH)
// The outputs are committed source assets: run this again only after changing the drawing.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = readFileSync(join(here, 'source', 'mark.svg'), 'utf8');
const mark = /<g id="mark">([\s\S]*?)<\/g>/.exec(source.replace(/<!--[\s\S]*?-->/g, ''))?.[1];
if (!mark) throw new Error('assets/source/mark.svg has no <g id="mark"> group');

/** Tray states: the file name stem, and how the drawing is coloured. */
const COLORS = { grey: '#8a939e', green: '#2e9d5b', red: '#d93636', amber: '#e0a000', ink: '#1b1f24' };

// Digits as strokes on a 4x8 grid, so no font is needed and every machine draws them the same.
const DIGITS = {
  0: 'M0 0H4V8H0Z',
  1: 'M0.8 1.6L2.4 0V8',
  2: 'M0 0H4V4H0V8H4',
  3: 'M0 0H4V8H0M0.6 4H4',
  4: 'M0 0V4.6H4M3.2 0V8',
  5: 'M4 0H0V4H4V8H0',
  6: 'M4 0H0V8H4V4H0',
  7: 'M0 0H4V8',
  8: 'M0 0H4V8H0ZM0 4H4',
  9: 'M4 4H0V0H4V8H0',
};

/** The count drawn in the badge: "1".."9" or "9+". */
function countGlyphs(label, color) {
  const stroke = `fill="none" stroke="${color}" stroke-width="1.7" stroke-linecap="square" stroke-linejoin="miter"`;
  if (label.length === 1) {
    return `<path transform="translate(21 5)" d="${DIGITS[label]}" ${stroke}/>`;
  }
  // "9+": a narrower 9 and a plus.
  return (
    `<path transform="translate(17.9 5.6) scale(0.85)" d="${DIGITS[9]}" ${stroke}/>` +
    `<path d="M23.6 9.1H28.2M25.9 6.8V11.4" ${stroke}/>`
  );
}

/** One tray icon as SVG. `template` draws black on transparent with cut-outs (macOS). */
function traySvg(kind, { template = false, count = '' } = {}) {
  const ink = template ? '#000' : null;
  const body = (fill, stroke) =>
    `<g fill="${fill}" stroke="${stroke}" stroke-width="${stroke === 'none' ? 0 : 2}" stroke-linejoin="round">${mark}</g>`;
  let inner = '';
  let defs = '';
  if (kind === 'off-call') {
    // Not on call: the outline only.
    inner = `<g transform="translate(16 16) scale(0.88) translate(-16 -16)">${body('none', ink ?? COLORS.grey)}</g>`;
  } else if (kind === 'on-call') {
    inner = body(ink ?? COLORS.green, 'none');
  } else if (kind === 'pages') {
    const badge = template
      ? `<circle cx="23" cy="9" r="9" fill="#000" mask="url(#cut)"/>`
      : `<circle cx="23" cy="9" r="8.6" fill="${COLORS.red}" stroke="#fff" stroke-width="1.4"/>${countGlyphs(count, '#fff')}`;
    if (template) {
      defs = `<mask id="cut" maskUnits="userSpaceOnUse" x="0" y="0" width="32" height="32"><rect width="32" height="32" fill="#fff"/>${countGlyphs(count, '#000')}</mask>`;
    }
    // The bell is clipped away under the badge so the count reads on any panel colour.
    defs += `<mask id="notch" maskUnits="userSpaceOnUse" x="0" y="0" width="32" height="32"><rect width="32" height="32" fill="#fff"/><circle cx="23" cy="9" r="10.4" fill="#000"/></mask>`;
    inner = `<g mask="url(#notch)">${body(ink ?? COLORS.red, 'none')}</g>${badge}`;
  } else if (kind === 'degraded') {
    defs = `<mask id="tri" maskUnits="userSpaceOnUse" x="0" y="0" width="32" height="32"><rect width="32" height="32" fill="#fff"/><path d="M23.5 13.5L33 31H14Z" fill="#000" stroke="#000" stroke-width="3" stroke-linejoin="round"/></mask>`;
    const bang = template
      ? ''
      : `<path d="M23.5 19.6V25M23.5 27.4V27.6" stroke="${COLORS.ink}" stroke-width="2" stroke-linecap="round"/>`;
    const tri = template
      ? `<path d="M23.5 16L31.5 30H15.5Z" fill="#000" stroke="#000" stroke-width="1.5" stroke-linejoin="round" mask="url(#bangcut)"/>`
      : `<path d="M23.5 16L31.5 30H15.5Z" fill="${COLORS.amber}" stroke="${COLORS.amber}" stroke-width="1.5" stroke-linejoin="round"/>`;
    if (template) {
      defs += `<mask id="bangcut" maskUnits="userSpaceOnUse" x="0" y="0" width="32" height="32"><rect width="32" height="32" fill="#fff"/><path d="M23.5 19.6V25M23.5 27.4V27.6" stroke="#000" stroke-width="2" stroke-linecap="round"/></mask>`;
    }
    inner = `<g mask="url(#tri)">${body('none', ink ?? COLORS.grey)}</g>${tri}${bang}`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><defs>${defs}</defs>${inner}</svg>`;
}

/** The app icon: the bell on a rounded dark square with a red page dot. */
function appSvg() {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">` +
    `<rect x="1" y="1" width="30" height="30" rx="7" fill="#1f2a37"/>` +
    `<g transform="translate(16 17) scale(0.72) translate(-16 -16)" fill="#f4f6f8">${mark}</g>` +
    `<circle cx="23.2" cy="9" r="3.6" fill="${COLORS.red}" stroke="#1f2a37" stroke-width="1.2"/>` +
    `</svg>`
  );
}

/** An .ico holding PNG images (Windows Vista and later read these). */
function ico(pngs) {
  const head = Buffer.alloc(6 + 16 * pngs.length);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(pngs.length, 4);
  let offset = head.length;
  pngs.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    head.writeUInt8(size >= 256 ? 0 : size, e);
    head.writeUInt8(size >= 256 ? 0 : size, e + 1);
    head.writeUInt16LE(1, e + 4);
    head.writeUInt16LE(32, e + 6);
    head.writeUInt32LE(data.length, e + 8);
    head.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([head, ...pngs.map((p) => p.data)]);
}

/** A two-tone alert (880 Hz then 660 Hz, 0.3 s), 16-bit mono PCM WAV. */
function alertWav(rate = 22050) {
  const tones = [880, 660].map((hz) => ({ hz, n: Math.round(0.15 * rate) }));
  const total = tones.reduce((a, t) => a + t.n, 0);
  const buf = Buffer.alloc(44 + total * 2);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + total * 2, 4);
  buf.write('WAVEfmt ', 8, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(total * 2, 40);
  let i = 0;
  for (const t of tones) {
    for (let k = 0; k < t.n; k++, i++) {
      const fade = Math.min(1, k / 200, (t.n - k) / 200);
      buf.writeInt16LE(
        Math.round(Math.sin((2 * Math.PI * t.hz * k) / rate) * 0.4 * fade * 32767),
        44 + i * 2,
      );
    }
  }
  return buf;
}

function write(rel, data) {
  const file = join(here, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
    '--disable-extensions',
  ],
});
const page = await browser.newPage({ viewport: { width: 1100, height: 1100 }, deviceScaleFactor: 1 });

async function render(svg, px) {
  const sized = svg.replace('<svg ', `<svg width="${px}" height="${px}" `);
  await page.setContent(
    `<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`,
  );
  return page.locator('svg').screenshot({ omitBackground: true });
}

const trayKinds = [
  { stem: 'tray-off-call', kind: 'off-call' },
  { stem: 'tray-on-call', kind: 'on-call' },
  { stem: 'tray-degraded', kind: 'degraded' },
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ stem: `tray-pages-${n}`, kind: 'pages', count: String(n) })),
  { stem: 'tray-pages-9plus', kind: 'pages', count: '9+' },
];
for (const t of trayKinds) {
  const colour = traySvg(t.kind, { count: t.count });
  const template = traySvg(t.kind, { template: true, count: t.count });
  write(`source/tray/${t.stem}.svg`, colour);
  write(`tray/${t.stem}.png`, await render(colour, 16));
  write(`tray/${t.stem}@2x.png`, await render(colour, 32));
  write(`tray/${t.stem}Template.png`, await render(template, 16));
  write(`tray/${t.stem}Template@2x.png`, await render(template, 32));
  const icoImages = [];
  for (const size of [16, 24, 32, 48]) icoImages.push({ size, data: await render(colour, size) });
  write(`tray/${t.stem}.ico`, ico(icoImages));
}

const app = appSvg();
write('source/app-icon.svg', app);
const appPngs = [];
for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
  const data = await render(app, size);
  write(`app/png/${size}x${size}.png`, data);
  appPngs.push({ size, data });
}
write('app/icon.ico', ico(appPngs.filter((p) => p.size <= 256)));
write('sounds/alert.wav', alertWav());
await browser.close();
console.log(
  `assets: wrote ${trayKinds.length} tray icon sets, ${appPngs.length} app icon sizes, icon.ico, alert.wav`,
);
