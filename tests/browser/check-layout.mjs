// Open a page (a file path or URL) in headless Chromium and print its layout at each width (layout-checks.mjs).
//
//   node check-layout.mjs PAGE SCREENSHOT_PREFIX WIDTH...
//
// Prints {"<width>": {width, scrollWidth, wide, chartFontMin, tocOverlaps, heatmap}, ...}; screenshots PREFIX-<width>.png.
// heatmap (measureHeatmap): {cellMin, fontMin, overflowX, scrolls, focusable}, or null on a page without one.
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { measure, measureHeatmap } from "./layout-checks.mjs";

const [target, prefix, ...widths] = process.argv.slice(2);
const url = /^[a-z]+:\/\//.test(target) ? target : pathToFileURL(target).href;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
const result = {};
try {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: "load" });
  for (const width of widths.map(Number)) {
    result[width] = { ...(await measure(page, width)), heatmap: await measureHeatmap(page, width) };
    await page.screenshot({ path: `${prefix}-${width}.png`, fullPage: true });
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
