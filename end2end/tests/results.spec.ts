import { readFileSync } from "node:fs";
import { expect, expectAccessible, signIn, test } from "./fixtures";

// Results for officers: the demo's 320 responses and a year of drop-in
// feedback. Filters and the cross-tab are a plain GET form, so this runs
// the same with JavaScript off on a 360 px phone; axe checks every page.

test("an officer filters the Big SEND Survey, cross-tabs it and sees small groups suppressed", async ({ page }) => {
  await signIn(page, "officer");
  await page.getByRole("link", { name: /^Results – Big SEND Survey/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Results" })).toBeVisible();
  // The demo's 320, and any sent by journeys running alongside.
  const sent = Number.parseInt(await page.locator(".summary-figures dd").first().innerText(), 10);
  expect(sent).toBeGreaterThanOrEqual(320);
  await expect(page.getByRole("table", { name: "Who is answering this survey?" })).toBeVisible();
  await expectAccessible(page);

  // Parents of children aged 0 to 4 with a hearing or vision need: a small group.
  const filters = page.locator("details.filters");
  if (!(await filters.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await filters.locator("summary").click();
  }
  const field = (name: string) => page.getByRole("combobox", { name, exact: true });
  await field("Who is answering this survey?").selectOption("parent-carer");
  await field("How old is your child or young person?").selectOption("0-4");
  await field("Rows").selectOption({ label: "How old is your child or young person?" });
  await field("Columns").selectOption({ label: "What support do they have for special educational needs?" });
  await page.getByRole("button", { name: "Show results" }).click();
  await expect(page).toHaveURL(/rows=\d+&cols=\d+/);
  await expect(page.getByText("These figures are for the group you chose.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Cross-tab" })).toBeVisible();
  const crosstab = page.getByRole("table", { name: /How old is your child.*×/ });
  await expect(crosstab).toBeVisible();
  await expect(crosstab.getByText(/fewer than 10|not shown/).first()).toBeVisible();
  // No count between 1 and 9 is ever shown in the cross-tab.
  const counts = await crosstab.locator("td.num").allInnerTexts();
  for (const text of counts) {
    const n = Number.parseInt(text, 10);
    if (!Number.isNaN(n)) expect(n === 0 || n >= 10, `${text} in the cross-tab`).toBe(true);
  }
  await expectAccessible(page);

  // The tables download (an audited post) carries the same filters and suppression.
  const tables = page.getByRole("button", { name: "Download these tables (CSV)" });
  expect(await tables.locator("xpath=ancestor::form").getAttribute("action")).toMatch(/tables\.csv\?.*rows=/);
  const [download] = await Promise.all([page.waitForEvent("download"), tables.click()]);
  expect(download.suggestedFilename()).toBe("big-send-survey-results.csv");
  expect(readFileSync(await download.path(), "utf-8")).toContain("fewer than 10");

  // Exact figures: asked for by a post, warned, and back to protected ones.
  await page.getByRole("button", { name: /Show exact figures/ }).click();
  await expect(page.getByText(/You are seeing exact figures/)).toBeVisible();
  await expect(page).toHaveURL(/rows=\d+.*exact=\d+\.[0-9a-f]+/);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Show protected figures" }).click();
  await expect(page).not.toHaveURL(/exact=/);
});

test("a viewer reads results but cannot see exact figures or download responses", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/officer/surveys/1/results");
  await expect(page.getByRole("heading", { level: 1, name: "Results" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Show exact figures/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Download every response/ })).toHaveCount(0);
  const refused = await page.goto("/officer/surveys/1/results?exact=1");
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: /permission/i })).toBeVisible();
  await expectAccessible(page);
});

test("the public results page is rounded and suppressed", async ({ page }) => {
  await page.goto("/s/big-send-survey/results");
  await expect(page.getByText(/rounded to the nearest 5/)).toBeVisible();
  const counts = await page.locator("td.num").allInnerTexts();
  for (const text of counts) {
    const n = Number.parseInt(text, 10);
    if (!Number.isNaN(n) && !text.endsWith("%")) expect(n % 5, `${text} is rounded`).toBe(0);
  }
  await expectAccessible(page);
});

test("an officer themes comments, and the theme counts on the results page", async ({ page }, testInfo) => {
  const theme = `Speech therapy (${testInfo.project.name})`;
  await signIn(page, "officer");
  await page.goto("/officer/surveys/1/results");
  await page.getByRole("link", { name: "Read and theme the comments" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Comments" })).toBeVisible();
  await expectAccessible(page);

  // A refused name is placed on its field, then the theme is added.
  await page.getByRole("button", { name: "Add the theme" }).click();
  await expect(page.getByRole("link", { name: "Enter a name for the theme" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("New theme").fill(theme);
  await page.getByRole("button", { name: "Add the theme" }).click();
  await expect(page.getByText("Theme added.")).toBeVisible();

  // Find comments about speech, and theme the first.
  await page.getByLabel("Containing the words").fill("speech");
  await page.getByRole("button", { name: "Show comments" }).click();
  const first = page.locator("li.comment").first();
  await expect(first).toContainText(/speech/i);
  await first.getByLabel(theme).check();
  await first.getByRole("button", { name: "Save themes" }).click();
  await expect(page.getByText("Themes saved.")).toBeVisible();
  await expect(page.locator("li.comment").first().getByLabel(theme)).toBeChecked();
  await expectAccessible(page);

  // The theme's count reaches the results page.
  await page.goto("/officer/surveys/1/results");
  // Listed under each written question; counted under the one it was given in.
  const row = page.getByRole("row", { name: new RegExp(theme.replace(/[()]/g, "\\$&")) }).first();
  await expect(row).toBeVisible();
});

test("the outcomes view and a drop-in's feedback by session pass axe", async ({ page }) => {
  await signIn(page, "viewer");
  await page.getByRole("link", { name: "Outcomes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Outcomes and priorities" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "My family is supported" })).toBeVisible();
  await expectAccessible(page);
  // From the drop-in's Friends and Family Test to its results by session.
  await page.getByRole("link", { name: "Overall, how was your experience of our service?" }).first().click();
  await expect(page.getByRole("heading", { name: "Feedback by session" })).toBeVisible();
  await expect(page.getByRole("table", { name: /by session/ }).getByRole("row", { name: /All sessions/ })).toBeVisible();
  await expectAccessible(page);
});
