// Renders the toolbar icon set from its SVG sources with headless Chromium, so the PNGs are
// reproducible: `npx tsx scripts/icons.ts` rewrites public/icons/icon-{16,32,48,128}.png.
// 16 and 32 px use icon-small.svg: thicker strokes and fewer details stay legible at that size.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const SIZES: Record<number, string> = {
  16: 'public/icons/icon-small.svg',
  32: 'public/icons/icon-small.svg',
  48: 'public/icons/icon.svg',
  128: 'public/icons/icon.svg',
};

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    // deviceScaleFactor 1: one CSS pixel is one PNG pixel, so the rasteriser does the hinting.
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const [size, source] of Object.entries(SIZES)) {
      const svg = readFileSync(source, 'utf8');
      const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
      await page.setContent(
        `<style>html,body{margin:0;background:transparent}</style><img id="i" src="${src}" width="${size}" height="${size}">`,
      );
      const img = page.locator('#i');
      await img.evaluate((el: HTMLImageElement) => el.decode());
      const png = await img.screenshot({ omitBackground: true });
      writeFileSync(`public/icons/icon-${size}.png`, png);
      console.log(`public/icons/icon-${size}.png from ${source}`);
    }
  } finally {
    await browser.close();
  }
}

await main();
