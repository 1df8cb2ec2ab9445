// What a reader notices of a genderscan report page at a given screen width, and whether its in-page links work.
// Shared by tests/browser/check-html.mjs (the report file) and tests/serve/e2e/upload.mjs (the report in
// `genderscan serve`). Needs only a playwright `page`; the Python tests make the assertions.

// Layout at `width` px: document width, elements that stick out of the screen (not counting those inside a
// horizontal scroll container, whose content may scroll), the smallest chart label as shown on screen,
// and table-of-contents entries that overlap each other or the page below them.
export async function measure(page, width, height = 900) {
  await page.setViewportSize({ width, height });
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
      (el.classList.length ? "." + [...el.classList].join(".") : "");
    const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
    const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
    const wide = [];
    for (const el of document.body.querySelectorAll("*")) {
      if (!visible(el) || el.closest(".skip")) continue;  // the skip link waits off-screen until it gets focus
      let parent = el.parentElement, clipped = false;
      while (parent && parent !== document.body) { if (scrolls(parent)) { clipped = true; break; } parent = parent.parentElement; }
      if (clipped) continue;
      const r = el.getBoundingClientRect();
      if (r.right > vw + 1 || r.left < -1) wide.push(`${name(el)} ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    const fonts = [...document.querySelectorAll(".chart svg text")].filter(visible).map((t) => {
      const scale = t.ownerSVGElement.getScreenCTM().a;
      return parseFloat(getComputedStyle(t).fontSize) * scale;
    });
    const overlaps = [];
    const toc = document.querySelector("nav.toc");
    if (toc && visible(toc)) {
      const items = [...toc.querySelectorAll("li")].map((li) => [li.textContent.trim(), li.getBoundingClientRect()]);
      for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          const [a, ra] = items[i], [b, rb] = items[j];
          if (ra.left < rb.right - 1 && rb.left < ra.right - 1 && ra.top < rb.bottom - 1 && rb.top < ra.bottom - 1) overlaps.push(`${a} / ${b}`);
        }
      }
      const next = toc.nextElementSibling;
      if (next && next.getBoundingClientRect().top < toc.getBoundingClientRect().bottom - 1) overlaps.push(`toc / ${name(next)}`);
    }
    return {
      width: vw,
      scrollWidth: document.documentElement.scrollWidth,
      wide: wide.slice(0, 20),
      chartFontMin: fonts.length ? Math.round(Math.min(...fonts) * 10) / 10 : null,
      tocOverlaps: overlaps,
    };
  });
}

// Follow the links a reader uses inside the report: the skip link (by keyboard), a table-of-contents
// entry and an item in the overview table. Each must stay in the same document (no navigation, the
// report still there) and bring its target into view.
export async function followLinks(page) {
  await page.evaluate(() => { window.__sameDocument = true; window.scrollTo(0, 0); });
  const state = async (target) => page.evaluate((target) => {
    const el = target && document.querySelector(target);
    const r = el && el.getBoundingClientRect();
    return {
      same: window.__sameDocument === true,
      url: location.href,
      hash: location.hash,
      items: document.querySelectorAll("article.item").length,
      targetInView: !!r && r.top >= -2 && r.top < window.innerHeight,
      focused: document.activeElement && (document.activeElement.id || document.activeElement.className || document.activeElement.tagName),
    };
  }, target);
  const out = {};
  // Start the Tab order at the top of the page, as after loading it (a click elsewhere moves the starting point).
  await page.evaluate(() => { document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute("tabindex"); });
  await page.keyboard.press("Tab");
  out.skipFocused = await page.evaluate(() => document.activeElement.classList.contains("skip"));
  await page.keyboard.press("Enter");
  await page.waitForTimeout(100);
  out.skip = await state("#main");
  await page.click('nav.toc a[href="#items"]');
  await page.waitForTimeout(100);
  out.toc = await state("#items");
  await page.evaluate(() => window.scrollTo(0, 0));
  const itemLink = page.locator("table.overview a").nth(3);
  const href = await itemLink.getAttribute("href");
  await itemLink.click();
  await page.waitForTimeout(100);
  out.item = { href, ...(await state(href)) };
  return out;
}

// The heatmap of `genderscan batch`'s overview.html at `width` px: the smallest cell and text as shown on screen,
// and whether its box scrolls sideways (null when the page has no heatmap).
export async function measureHeatmap(page, width, height = 900) {
  await page.setViewportSize({ width, height });
  return page.evaluate(() => {
    const svg = document.querySelector(".heatmap svg");
    if (!svg) return null;
    const box = svg.closest(".scroll");
    const cells = [...svg.querySelectorAll("g > rect")].map((r) => r.getBoundingClientRect().width);
    const scale = svg.getScreenCTM().a;
    const texts = [...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    return {
      cellMin: Math.round(Math.min(...cells) * 10) / 10,
      fontMin: Math.round(Math.min(...texts) * 10) / 10,
      overflowX: box ? getComputedStyle(box).overflowX : null,
      scrolls: !!box && box.scrollWidth > box.clientWidth,
      focusable: !!box && box.tabIndex === 0 && box.getAttribute("role") === "region",
    };
  });
}
