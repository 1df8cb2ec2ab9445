// Open a genderscan HTML report in headless Chromium and report what a reader's browser sees.
//
//   node check-html.mjs REPORT.html SCREENSHOT.png [PRINT.pdf]
//
// Prints one JSON object: console errors, page errors, every request other than
// the report file itself, axe-core violations (WCAG 2.0/2.1 A and AA), the
// page title, the layout at 1366 and 390 px (layout-checks.mjs; a screenshot
// SCREENSHOT-390.png at 390 px) and what the in-page links did. The Python test (tests/browser/test_html_browser.py) asserts on it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { followLinks, measure } from "./layout-checks.mjs";

const require = createRequire(import.meta.url);
const [htmlPath, screenshotPath, pdfPath] = process.argv.slice(2);
if (!htmlPath || !screenshotPath) {
  console.error("usage: node check-html.mjs REPORT.html SCREENSHOT.png [PRINT.pdf]");
  process.exit(2);
}
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const pageUrl = pathToFileURL(htmlPath).href;

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
const result = { consoleErrors: [], pageErrors: [], requests: [], violations: [], title: null, headings: [] };
try {
  const context = await browser.newContext({ viewport: { width: 1000, height: 1400 }, javaScriptEnabled: true });
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (msg.type() === "error") result.consoleErrors.push(msg.text());
  });
  page.on("pageerror", (err) => result.pageErrors.push(String(err)));
  page.on("request", (req) => {
    if (req.url() !== pageUrl) result.requests.push(req.url());
  });
  // Anything other than the report itself is blocked (and recorded above).
  await page.route("**/*", (route) => (route.request().url() === pageUrl ? route.continue() : route.abort()));

  await page.goto(pageUrl, { waitUntil: "load" });
  result.title = await page.title();
  result.headings = await page.$$eval("h1, h2", (hs) => hs.map((h) => `${h.tagName} ${h.textContent.trim()}`));
  await page.screenshot({ path: screenshotPath, fullPage: true });

  // axe-core runs inside the page, injected from node_modules (no network).
  const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(axeSource);
  const axe = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] }),
  );
  result.violations = axe.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
  }));
  result.axeVersion = axe.testEngine.version;

  result.layout = {};
  for (const width of [1366, 390]) result.layout[width] = await measure(page, width);
  await page.screenshot({ path: screenshotPath.replace(/\.png$/, "-390.png"), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 900 });
  result.links = await followLinks(page);

  if (pdfPath) {
    await page.emulateMedia({ media: "print" });
    await page.pdf({ path: pdfPath, format: "A4", printBackground: true, preferCSSPageSize: true });
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result, null, 2));
