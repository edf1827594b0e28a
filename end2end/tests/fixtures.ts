import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, Page } from "@playwright/test";

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/**
 * Fails the test on any axe violation on the page as it is now.
 *
 * axe runs in the page, so with JavaScript off it cannot run there: the
 * server's HTML is then loaded, at the same address and viewport, into a
 * scripting page whose own scripts (the islands bundle) are blocked, and
 * checked there.
 */
export async function expectAccessible(page: Page) {
  // A form post's new page is in the DOM before its stylesheet has arrived;
  // checking then would measure unstyled targets. Wait for the whole load.
  await page.waitForLoadState("load");
  if (test.info().project.use.javaScriptEnabled !== false) return check(page);
  const html = await page.content();
  const browser = page.context().browser();
  if (!browser) throw new Error("no browser");
  // Playwright Test gives new contexts the project's options; turn scripting back on.
  const context = await browser.newContext({ viewport: page.viewportSize() ?? undefined, javaScriptEnabled: true });
  try {
    const copy = await context.newPage();
    const url = page.url();
    await copy.route("**/pkg/*.{js,wasm}", (route) => route.abort());
    await copy.route(url, (route) => route.fulfill({ body: html, contentType: "text/html; charset=utf-8" }));
    await copy.goto(url);
    await check(copy);
  } finally {
    await context.close();
  }
}

async function check(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(" ")),
  }));
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * Every test collects browser console errors (a CSP refusal, a failed wasm
 * load, a hydration panic) and fails if there were any.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() !== "error") return;
        // A page that is itself a 404 or 403 logs its own status; tests check those.
        const own = msg.location().url === page.url() && msg.text().startsWith("Failed to load resource");
        if (!own) errors.push(msg.text());
      });
      page.on("pageerror", (err) => errors.push(err.message));
      await use(errors);
      expect(errors, "browser console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The demo's accounts, one per role (their passwords are public). */
export const ACCOUNTS = {
  admin: ["admin@demo.heard.test", "demo-admin-2026"],
  officer: ["officer@demo.heard.test", "demo-officer-2026"],
  viewer: ["viewer@demo.heard.test", "demo-viewer-2026"],
} as const;

/**
 * Signs in as the demo account for `role`: by going to `path` (which sends
 * an anonymous visitor to sign in and back), or straight to the sign-in page.
 */
export async function signIn(page: Page, role: keyof typeof ACCOUNTS, path?: string) {
  if (path) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/officer\/sign-in\?return=/);
  } else {
    await page.goto("/officer/sign-in");
  }
  const [email, password] = ACCOUNTS[role];
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (!path) await expect(page).toHaveURL(/\/officer$/);
}
