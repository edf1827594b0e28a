import { defineConfig, devices } from "@playwright/test";

// Heard's server is started once for the run, on a fresh data directory with
// the demo loaded. Debian's Chromium is used; Playwright never downloads one.
const port = Number(process.env.E2E_PORT ?? 3100);
const serverBin = process.env.SERVER_BIN ?? "../target/release/server";
const siteRoot = process.env.SITE_ROOT ?? "../target/site";
export const baseURL = `http://127.0.0.1:${port}`;

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  },
};

const phone = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true };

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: [["list"]],
  // The longest journeys (a survey sent, then an officer's whole task, with
  // axe on every page) take 20 s on an idle 2-core machine, and twice that
  // when CI's machine is busy: budget three times, so only a hang fails.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  use: { baseURL, trace: "retain-on-failure", locale: "en-GB" },
  projects: [
    { name: "desktop-js", use: { ...chromium } },
    { name: "phone-no-js", use: { ...chromium, ...phone, javaScriptEnabled: false } },
    { name: "phone-js", use: { ...chromium, ...phone } },
  ],
  webServer: {
    command:
      `bash -c 'dir=$(mktemp -d) && HEARD_DATA_DIR="$dir" HEARD_BIND=127.0.0.1:${port} ` +
      `HEARD_SITE_ROOT="${siteRoot}" exec "${serverBin}" serve --demo'`,
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
