import { ACCOUNTS, expect, expectAccessible, signIn, test } from "./fixtures";

// The officer workspace: signing in and out, the 403 page, inviting users
// and the audit log, with axe on every page. Each project runs these at
// the same time, so anything they create is named after the project.

test("an officer is sent to sign in, signs in, and signs out", async ({ page }) => {
  const response = await page.goto("/officer");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(/\/officer\/sign-in\?return=%2Fofficer$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await expectAccessible(page);

  // A wrong password: the error pattern, saying nothing about the account.
  await page.getByLabel("Email address").fill(`nobody-${test.info().project.name}@example.org`);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveTitle(/^Error: Sign in/);
  await expect(page.getByRole("alert")).toContainText("The email address or password is not right");
  await expectAccessible(page);

  const [email, password] = ACCOUNTS.officer;
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/officer$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboard");
  await expect(page.getByText("Hello, Sam Taylor")).toBeVisible();
  await expect(page.getByRole("row", { name: /Big SEND Survey 2026/ })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Officer workspace" });
  await expect(nav.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
  // Officers do not manage users or read the audit log.
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  await expectAccessible(page);

  await nav.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/signed_out=1/);
  await expect(page.getByRole("status")).toHaveText("You have signed out.");
  await page.goto("/officer");
  await expect(page).toHaveURL(/\/officer\/sign-in/);
});

test("a viewer asking for the users page gets a clear 403", async ({ page }) => {
  await signIn(page, "viewer", "/officer/users");
  await expect(page).toHaveURL(/\/officer\/users$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have permission to do this");
  const again = await page.goto("/officer/users");
  expect(again?.status()).toBe(403);
  await expectAccessible(page);
});

test("an admin invites someone, and finds it in the audit log", async ({ page }) => {
  test.slow();
  await signIn(page, "admin", "/officer/users");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users");
  await expect(page.getByRole("row", { name: /Sam Taylor/ })).toBeVisible();
  // The wide table scrolls in its own region; the page never scrolls sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page);

  // Every problem at once, linked from the summary.
  await page.getByRole("button", { name: "Send invitation", exact: true }).click();
  await expect(page).toHaveTitle(/^Error: Users/);
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("Enter their name");
  await expect(summary).toContainText("right format");
  await expectAccessible(page);

  const who = `Kim ${test.info().project.name}`;
  const email = `kim-${test.info().project.name}-${Date.now()}@example.org`;
  await page.getByLabel("Name", { exact: true }).fill(who);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("radio", { name: /^Viewer/ }).check();
  await page.getByRole("button", { name: "Send invitation", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Invitation sent.");
  const row = page.getByRole("row", { name: new RegExp(who) });
  await expect(row).toContainText("Invited: no password yet");

  // Make them an officer, from their row.
  await row.getByLabel(`Role for ${who}`).selectOption("officer");
  await row.getByRole("button", { name: /Change role/ }).click();
  await expect(page.getByRole("status")).toHaveText(/Role changed/);

  await page.getByRole("navigation", { name: "Officer workspace" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await expectAccessible(page);
  await page.getByLabel("Action").selectOption("role_changed");
  await page.getByLabel("Who").fill("admin@demo");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=role_changed/);
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("viewer → officer");
  await expectAccessible(page);
});

test("the way in for forgotten passwords and dead links is clear", async ({ page }) => {
  await page.goto("/officer/sign-in");
  await page.getByRole("link", { name: "Forgotten your password?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reset your password");
  await expectAccessible(page);
  await page.getByLabel("Email address").fill("not an address");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Email address").fill(`someone-${test.info().project.name}@example.org`);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
  await expectAccessible(page);

  // The link moves its token into a cookie; the form's address carries none.
  const dead = await page.goto(`/officer/set-password/${"0".repeat(64)}`);
  expect(page.url()).toMatch(/\/officer\/set-password$/);
  expect(dead?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link no longer works");
  await expectAccessible(page);
});
