import { expect, expectAccessible, signIn, test } from "./fixtures";
import type { Page } from "@playwright/test";

// Drop-ins, the whole job: an officer creates a session, opens its QR
// poster and its kiosk; two people give feedback on the shared tablet,
// and Back never shows the first person's answers; an admin finds it all
// in the audit log. Each project (desktop, 360 px without JavaScript,
// 360 px with JavaScript) makes its own session.

function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

test("an officer creates a session, prints its poster, and the kiosk takes feedback from one person after another", async ({ page }) => {
  test.slow();
  const name = `Drop-in ${test.info().project.name} ${Date.now()}`;
  // The kiosk waits 20 seconds; the test moves its clock on instead.
  await page.clock.install();
  await signIn(page, "officer");
  await page.getByRole("navigation", { name: "Officer workspace" }).getByRole("link", { name: "Drop-ins" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Drop-in sessions");
  await expect(page.getByRole("link", { name: "SEND drop-in at the Life Centre" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "New one-off session" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New one-off session");
  await expectAccessible(page);
  // Nothing filled in: the error pattern, each problem linked to its field.
  await page.getByRole("button", { name: "Create session" }).click();
  await expect(page.getByRole("alert")).toContainText("Name: Enter this");
  await expectAccessible(page);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Venue").fill("Life Centre, The Wiend");
  await page.getByLabel("Services attending").fill("SENDIASS\nHealth visiting");
  await page.getByLabel("Date").fill(inDays(14));
  await page.getByLabel("Starts").fill("09:30");
  await page.getByLabel("Ends").fill("12:00");
  await page.getByRole("button", { name: "Create session" }).click();
  await expect(page.getByRole("status")).toHaveText("The session and its feedback form have been created.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expectAccessible(page);
  const sessionUrl = page.url().replace(/\?.*$/, "");

  // The poster: an A4 SVG with the session's name and its QR link.
  await expect(page.getByRole("img", { name: `The poster for ${name}, with its QR code` })).toBeVisible();
  const printLink = page.getByRole("link", { name: "Open the poster to print" });
  const posterPath = await printLink.getAttribute("href");
  expect(posterPath).toMatch(/\/poster\.svg$/);
  const poster = await page.request.get(posterPath!);
  expect(poster.headers()["content-type"]).toBe("image/svg+xml; charset=utf-8");
  const svg = await poster.text();
  expect(svg).toContain('width="210mm" height="297mm"');
  expect(svg).toContain(name);
  const link = (await page.locator("#public-link").textContent())!;
  expect(svg).toContain(link);

  // The kiosk: one form that leads nowhere else.
  await page.getByRole("link", { name: "Open the kiosk" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.locator('a[href="/"]')).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "How your views will be used" })).toBeVisible();
  await expectAccessible(page);
  const kioskUrl = page.url();

  // The first person: keyboard only. The first question is required.
  await tabTo(page, page.getByRole("button", { name: "Send feedback" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert")).toBeVisible();
  await expectAccessible(page);
  const veryGood = page.getByRole("radio", { name: "Very good" });
  await tabTo(page, veryGood);
  await page.keyboard.press("Space");
  await expect(veryGood).toBeChecked();
  const good = page.getByLabel("What was good about this session?");
  await tabTo(page, good);
  await page.keyboard.type("The speech and language therapist listened.");
  await tabTo(page, page.getByRole("button", { name: "Send feedback" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you");
  await expect(page.getByText("The speech and language therapist listened.")).toHaveCount(0);
  await expectAccessible(page);

  // Back to an empty form for the next person: by itself after a few
  // seconds with JavaScript, by the button without.
  if (test.info().project.use.javaScriptEnabled === false) {
    await page.getByRole("link", { name: "Start again for the next person" }).click();
  } else {
    await expect(page.getByRole("status")).toHaveText(/ready for the next person in 20 seconds/);
    await page.clock.fastForward(21_000);
    await expect(page).toHaveURL(kioskUrl);
  }
  await expect(page.getByRole("button", { name: "Send feedback" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Very good" })).not.toBeChecked();
  await expect(page.getByLabel("What was good about this session?")).toHaveValue("");

  // Back can never show the previous person's answers: whatever it lands
  // on (the thank-you page, or a browser page asking to send a form again),
  // nothing they chose or typed is there.
  await page.goBack().catch(() => null);
  await expect(page.getByText("The speech and language therapist listened.")).toHaveCount(0);
  await expect(page.locator("input:checked")).toHaveCount(0);
  expect(await page.locator("textarea").evaluateAll((els) => els.some((e) => (e as HTMLTextAreaElement).value !== ""))).toBe(false);
  await page.goto(kioskUrl);

  // The second person, by pointer, with the stop button if it is there.
  await page.getByRole("radio", { name: "Poor", exact: true }).check();
  await page.getByRole("checkbox", { name: "SENDIASS" }).check();
  await page.getByRole("button", { name: "Send feedback" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you");
  if (test.info().project.use.javaScriptEnabled !== false) {
    await page.getByRole("button", { name: "Stay on this page" }).click();
    await expect(page.getByRole("status")).toHaveText(/The form will wait/);
    await expect(page.getByRole("button", { name: "Stay on this page" })).toBeHidden();
    await page.clock.fastForward(60_000);
    await expect(page).toHaveURL(/\/kiosk\/thanks\?lang=en$/);
  }

  // The officer sees two pieces of feedback for the session.
  await page.goto(sessionUrl);
  await expect(page.getByRole("definition").filter({ hasText: /^2$/ })).toBeVisible();
});

/** Presses Tab until `target` has focus (keyboard-only journeys). */
async function tabTo(page: Page, target: ReturnType<Page["locator"]>) {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("could not reach the element with Tab");
}

test("an officer creates a monthly series, and an admin finds drop-in work in the audit log", async ({ page }) => {
  const name = `Monthly ${test.info().project.name} ${Date.now()}`;
  await signIn(page, "officer");
  await page.goto("/officer/dropins/new-series");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New drop-in series");
  await expectAccessible(page);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Venue").fill("Hub");
  await page.getByLabel("Date", { exact: true }).fill(inDays(7));
  await page.getByLabel("Every month, on the same weekday").check();
  await page.getByLabel("Repeat until").fill(inDays(95));
  await page.getByRole("button", { name: "Create series" }).click();
  await expect(page.getByRole("status")).toHaveText("The series, its feedback form and its sessions have been created.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  // A header row and a session a month for three months or so.
  expect(await page.getByRole("table", { name: "Sessions in this series" }).getByRole("row").count()).toBeGreaterThanOrEqual(3);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();

  await signIn(page, "admin");
  await page.goto("/officer/audit");
  await page.getByLabel("Action").selectOption("dropin_series_created");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("officer@demo.heard.test");
  await expectAccessible(page);
});

test("a kiosk form left half-filled asks whether anyone is there, then clears itself", async ({ page }) => {
  test.skip(test.info().project.use.javaScriptEnabled === false, "the idle check needs JavaScript");
  await page.clock.install();
  await signIn(page, "officer");
  await page.goto("/officer/dropins/series/1");
  await page.getByRole("table", { name: "Sessions in this series" }).getByRole("link").first().click();
  await page.getByRole("link", { name: "Open the kiosk" }).click();
  const kioskUrl = page.url();
  await page.waitForLoadState("networkidle");
  const good = page.getByLabel("What was good about this session?");
  await good.fill("Half an answer");

  // Three idle minutes: a warning, and one press keeps the answer.
  await page.clock.runFor(181_000);
  await expect(page.getByText("Are you still there?")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "I'm still here" }).click();
  await expect(page.getByRole("button", { name: "I'm still here" })).toBeHidden();
  await expect(good).toHaveValue("Half an answer");

  // Nobody answers: the form clears for the next person.
  await page.clock.runFor(181_000);
  await expect(page.getByText("Are you still there?")).toBeVisible();
  await page.clock.runFor(21_000);
  await expect(page).toHaveURL(kioskUrl);
  await expect(page.getByLabel("What was good about this session?")).toHaveValue("");
});
