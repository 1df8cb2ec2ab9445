// Drive the genderscan web page in a real headless Chromium (Debian's /usr/bin/chromium via playwright-core).
// Usage: NODE_MODULES=tests/browser/node_modules node upload.mjs BASE_URL GOOD_FILE BAD_FILE SCREENSHOT_DIR [OLD_FILE]
// With OLD_FILE, the compare page is used once too: OLD_FILE as the old version, GOOD_FILE as the new one;
// and OLD_FILE (a text file) is pasted into the upload page's text box.
// The report page is measured at 1366 and 390 px and its links followed (../../browser/layout-checks.mjs),
// checked with axe-core and printed to PDF (SCREENSHOT_DIR/report.pdf).
// playwright-core comes from the shared tests/browser/node_modules (scripts/install-browser-deps.sh, `make browser-deps`).
// Prints one JSON object with what the page showed; the Python test (test_browser.py) makes the assertions.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join, resolve } from "node:path";

const require = createRequire(join(resolve(process.env.NODE_MODULES || "node_modules"), "noop.js"));
const { chromium } = require("playwright-core");
const { followLinks, measure } = await import(new URL("../../browser/layout-checks.mjs", import.meta.url));

const [base, goodFile, badFile, shots, oldFile] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const out = { requests: [], consoleErrors: [], pageErrors: [] };

// axe-core (WCAG 2.0/2.1 A and AA), injected from node_modules: the violations on the current page.
async function axeViolations(page) {
  await page.evaluate(readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const axe = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] }));
  return axe.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1100 }, locale: "nl-NL" });
  const page = await context.newPage();
  page.on("request", (r) => out.requests.push(r.url()));
  page.on("console", (m) => { if (m.type() === "error") out.consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => out.pageErrors.push(String(e)));
  page.setDefaultTimeout(90_000);

  // 1. The upload page, then drop the document on the drop zone (the page's own drag-and-drop code).
  await page.goto(base);
  out.title = await page.title();
  out.lang = await page.getAttribute("html", "lang");
  const data = readFileSync(goodFile).toString("base64");
  const navigation = page.waitForURL("**/analyse**", { waitUntil: "load" });
  out.busyShown = await page.evaluate(({ data, name }) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], name, { type: "application/pdf" }));
    const zone = document.getElementById("dropzone");
    zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    const busy = document.getElementById("busy");
    return !busy.hidden && document.getElementById("busy-text").textContent;
  }, { data, name: basename(goodFile) });
  await navigation;

  // 2. The report page: the report is in the page itself (no frame); the statuses it shows.
  await page.locator("article.item").first().waitFor();
  out.resultTitle = await page.title();
  out.h1 = (await page.textContent("h1")).trim();
  out.frames = await page.locator("iframe").count();
  out.items = await page.locator("article.item").evaluateAll((nodes) => nodes.map((n) => {
    const badge = n.querySelector(".badge");
    const status = [...badge.classList].find((c) => c !== "badge");
    return { id: n.id.replace(/^item-/, ""), status, label: badge.textContent.trim(),
             badgeStyled: getComputedStyle(badge).borderTopStyle === "solid" && getComputedStyle(badge).borderTopWidth === "2px" };
  }));
  out.scoreHeading = (await page.textContent("h2#score")).trim();
  out.printButton = await page.isVisible("#print");
  out.downloads = await page.locator(".downloads a[download]").evaluateAll((as) => as.map((a) => a.getAttribute("download")));
  const jsonLink = page.locator('.downloads a[data-format="json"]');
  if (await jsonLink.count()) {
    const [download] = await Promise.all([page.waitForEvent("download"), jsonLink.click()]);
    const path = await download.path();
    out.downloadedJson = JSON.parse(readFileSync(path, "utf-8"));
  }
  await page.screenshot({ path: join(shots, "report.png") });
  // At 1366 and 390 px, the links inside the report, axe-core, and print to PDF (Page.printToPDF).
  out.layout = {};
  for (const width of [1366, 390]) out.layout[width] = await measure(page, width);
  await page.screenshot({ path: join(shots, "report-390.png"), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 900 });
  out.links = await followLinks(page);
  out.violations = await axeViolations(page);
  out.pdf = join(shots, "report.pdf");
  await page.pdf({ path: out.pdf, format: "A4", printBackground: true, preferCSSPageSize: true });

  // 3. A corrupt file through the file chooser: the error page.
  await page.goto(base);
  await page.screenshot({ path: join(shots, "upload.png") });
  await page.setInputFiles("#file", badFile);
  await Promise.all([page.waitForURL("**/analyse**"), page.click("#submit")]);
  await page.waitForSelector("#error-message");
  out.errorCode = await page.getAttribute("#error-message", "data-code");
  out.errorText = (await page.textContent("#error-message")).trim();
  out.errorHeading = (await page.textContent("h1")).trim();
  await page.screenshot({ path: join(shots, "error.png") });

  // 3b. The text box beside the drop zone: paste the text of GOOD_FILE's twin (OLD_FILE is text) and send it.
  if (oldFile) {
    await page.goto(base);
    out.uploadLayout = {};
    for (const width of [1366, 390]) out.uploadLayout[width] = await measure(page, width);
    await page.screenshot({ path: join(shots, "upload-390.png"), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 900 });
    const zone = await page.locator("#dropzone").boundingBox();
    const box = await page.locator("#text").boundingBox();
    out.pasteBeside = Math.abs(zone.y - box.y) < 80 && box.x > zone.x + zone.width - 1;
    out.uploadViolations = await axeViolations(page);
    await page.fill("#text", readFileSync(oldFile, "utf-8"));
    await Promise.all([page.waitForURL("**/analyse**", { waitUntil: "load" }), page.click("#paste-submit")]);
    await page.locator("article.item").first().waitFor();
    out.pasted = { h1: (await page.textContent("h1")).trim(), score: (await page.textContent("h2#score")).trim(),
                   items: await page.locator("article.item").count() };
  }

  // 4. The English switch.
  await page.goto(base);
  await page.click("a.lang");
  out.switchedLang = await page.getAttribute("html", "lang");

  // 5. The compare page: drop the old version, then the new one (sending starts when both are there).
  if (oldFile) {
    const cmp = {};
    out.compare = cmp;
    await page.goto(base + "?lang=nl");
    await Promise.all([page.waitForURL("**/compare**", { waitUntil: "load" }), page.click("#nav-compare")]);
    cmp.url = page.url();
    cmp.lang = await page.getAttribute("html", "lang");
    cmp.title = (await page.textContent("h1")).trim();
    const drop = ({ data, name, type, zoneId }) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type }));
      const zone = document.getElementById(zoneId);
      zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      return { busy: !document.getElementById("busy").hidden && document.getElementById("busy-text").textContent,
               chosen: document.getElementById(zoneId.replace("dropzone", "chosen")).textContent };
    };
    const afterOld = await page.evaluate(drop, { data: readFileSync(oldFile).toString("base64"), name: basename(oldFile),
                                                 type: "text/plain", zoneId: "dropzone-old" });
    cmp.chosenOld = afterOld.chosen;
    cmp.busyAfterOld = afterOld.busy;  // false: the page waits for the new version
    await page.screenshot({ path: join(shots, "compare-upload.png"), fullPage: true });
    const afterNew = await page.evaluate(drop, { data: readFileSync(goodFile).toString("base64"), name: basename(goodFile),
                                                 type: "application/pdf", zoneId: "dropzone-new" });
    cmp.busyShown = afterNew.busy;
    await page.waitForSelector("table#items");
    cmp.resultTitle = (await page.textContent("#result-title")).trim();
    cmp.names = [(await page.textContent("#old-name")).trim(), (await page.textContent("#new-name")).trim()];
    cmp.score = (await page.textContent("#result-score")).trim();
    cmp.items = await page.locator("table#items tbody tr").evaluateAll((rows) => rows.map((r) => ({
      id: r.dataset.item, oldLevel: Number(r.dataset.oldLevel), newLevel: Number(r.dataset.newLevel),
      cells: [...r.querySelectorAll("td")].map((td) => td.textContent.trim()),
      changeColour: getComputedStyle(r.querySelector("td.change")).color,
    })));
    cmp.added = await page.locator("#added li").count();
    cmp.removed = await page.locator("#removed li").count();
    cmp.downloads = await page.locator(".downloads a[download]").evaluateAll((as) => as.map((a) => a.getAttribute("download")));
    const jsonLink = page.locator('.downloads a[data-format="json"]');
    const [download] = await Promise.all([page.waitForEvent("download"), jsonLink.click()]);
    cmp.downloadedJson = JSON.parse(readFileSync(await download.path(), "utf-8"));
    await page.screenshot({ path: join(shots, "compare.png"), fullPage: true });
    cmp.layout = { 390: await measure(page, 390) };
    await page.screenshot({ path: join(shots, "compare-390.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 1100 });
    await Promise.all([page.waitForURL("**/compare?lang=en", { waitUntil: "load" }), page.click("a.lang")]);
    cmp.switchedUrl = page.url();
    cmp.switchedLang = await page.getAttribute("html", "lang");
    cmp.switchedTitle = (await page.textContent("h1")).trim();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out));
