// Drives headless Chromium through the archive browser as a reader would:
// types a query into the search box, submits it, opens the first result,
// follows its first tag link; saves a screenshot of each page, and one of
// the search page as wide as a phone. Prints what it saw as JSON.
//   node drive.cjs PLAYWRIGHT_CORE_DIR BASE_URL QUERY OUT_DIR PROFILE_DIR
const [, , playwrightDir, base, text, outDir, profileDir] = process.argv;
const { chromium } = require(playwrightDir);

async function main() {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    javaScriptEnabled: false, // the pages must work without it
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run"],
    viewport: { width: 1024, height: 800 },
  });
  const seen = {};
  try {
    const page = await context.newPage();
    await page.goto(base + "/");
    await page.locator('input[name="q"]').pressSequentially(text);
    await Promise.all([page.waitForURL("**/search?**"), page.keyboard.press("Enter")]);
    seen.search = { url: page.url(), heading: await page.locator("h1").innerText(),
      results: await page.locator("ol.results > li").count() };
    await page.screenshot({ path: outDir + "/search.png", fullPage: true });
    const first = page.locator("ol.results a.title").first();
    seen.result_title = await first.innerText();
    await Promise.all([page.waitForURL("**/article/**"), first.click()]);
    seen.article = { url: page.url(), heading: await page.locator("h1").innerText() };
    await page.screenshot({ path: outDir + "/article.png", fullPage: true });
    const tag = page.locator("article a.tag").first();
    seen.tag_label = await tag.innerText();
    await Promise.all([page.waitForURL("**/tag/**"), tag.click()]);
    seen.tag = { url: page.url(), heading: await page.locator("h1").innerText(),
      results: await page.locator("ol.results > li").count() };
    await page.screenshot({ path: outDir + "/tag.png", fullPage: true });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(seen.search.url);
    seen.phone = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: innerWidth }));
    await page.screenshot({ path: outDir + "/search-phone.png", fullPage: true });
  } finally {
    await context.close();
  }
  process.stdout.write(JSON.stringify(seen) + "\n");
}

main().catch((err) => { process.stderr.write(String(err && err.stack || err) + "\n"); process.exit(1); });
