import { expect, expectAccessible, test } from "./fixtures";

// The walking skeleton's slice: home → survey → answers stored → counted.
// Each project runs these: desktop with JavaScript, and a 360 px phone with
// JavaScript off and on.

test("the home page lists the open demo survey", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Have your say");
  await expect(page.getByRole("link", { name: "Big SEND Survey 2026" })).toHaveAttribute(
    "href",
    "/s/big-send-survey",
  );
  await expectAccessible(page);
});

test("a respondent answers the survey and it is counted", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Big SEND Survey 2026" }).click();
  await expect(page).toHaveURL(/\/s\/big-send-survey$/);
  await expect(page.getByRole("heading", { name: "How your views will be used" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("group", { name: /Who is answering/ }).getByLabel("A parent or carer").check();
  await page.getByLabel("Difficult", { exact: true }).check();
  await page.getByLabel("The Family Hub").check();
  await page.getByLabel("Short breaks").check();
  await page
    .getByLabel(/What one thing would make the biggest difference/)
    .fill("Shorter waits for speech and language therapy.\nAnd clearer letters.");
  await page.getByRole("button", { name: "Send my answers" }).click();

  await expect(page).toHaveURL(/\/s\/big-send-survey\/thanks$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you");
  await expectAccessible(page);

  await page.getByRole("link", { name: "See how many people have answered" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results so far");
  // Other tests answer too, so the total varies; but a count from 1 to 9 is
  // never shown exactly (exact suppression is tested in server/tests).
  const total = (await page.locator(".summary-figures dd").innerText()).trim();
  expect(total).toMatch(/^(fewer than 10|[1-9]\d+)$/);
  await expect(page.getByRole("table").first()).toBeVisible();
  await expectAccessible(page);
});

test("a missing required answer shows the GOV.UK error pattern and keeps what was typed", async ({
  page,
}) => {
  await page.goto("/s/big-send-survey");
  const comment = page.getByLabel(/What one thing would make the biggest difference/);
  await comment.fill("Keep my words: ąę اردو");
  await page.getByRole("button", { name: "Send my answers" }).click();

  await expect(page).toHaveTitle(/^Error: Big SEND Survey 2026/);
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("There is a problem");
  await expect(summary).toBeFocused();
  const link = summary.getByRole("link", { name: "Answer this question" });
  await expect(link).toHaveAttribute("href", /^#q\d+-0$/);
  await expect(comment).toHaveValue("Keep my words: ąę اردو");
  await expectAccessible(page);

  // Following the summary link lands on the question.
  await link.click();
  await page.getByRole("group", { name: /Who is answering/ }).getByLabel("A professional").check();
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page).toHaveURL(/\/thanks$/);
});

test("the survey can be answered with the keyboard alone", async ({ page }) => {
  await page.goto("/s/big-send-survey");
  // The skip link comes first and moves to the main content.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
  await page.keyboard.press("Enter");
  // Tab forward to the first answer of the first question and choose it.
  const first = page.getByRole("group", { name: /Who is answering/ }).getByLabel("A parent or carer");
  for (let i = 0; i < 10 && !(await first.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(first).toBeFocused();
  await page.keyboard.press("Space");
  await expect(first).toBeChecked();
  await page.getByRole("button", { name: "Send my answers" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/thanks$/);
});

test("right-to-left: the survey in Urdu", async ({ page }) => {
  await page.goto("/s/big-send-survey?lang=ur");
  await expect(page.locator("html")).toHaveAttribute("lang", "ur");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("بڑا SEND سروے 2026");
  await expectAccessible(page);

  // The choice is remembered for the next page without ?lang=.
  await page.getByRole("group", { name: /یہ سروے کون/ }).getByLabel("والدین یا دیکھ بھال کرنے والا").check();
  await page.getByRole("button", { name: "میرے جوابات بھیجیں" }).click();
  await expect(page).toHaveURL(/\/thanks$/);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("شکریہ");
  await expectAccessible(page);
});

test("Polish is offered and chosen from the language links", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Polski" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "pl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Wyraź swoje zdanie");
  await expectAccessible(page);
});

test("an unknown page is a translated, accessible 404", async ({ page }) => {
  const response = await page.goto("/s/no-such-survey");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expectAccessible(page);

  const other = await page.goto("/nothing/here?lang=pl");
  expect(other?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nie znaleziono strony");
  await expectAccessible(page);
});

test("long answers count the characters left as you type, when JavaScript runs", async ({
  page,
}, info) => {
  await page.goto("/s/big-send-survey");
  const message = page.locator(".character-count__message");
  const box = page.getByLabel(/What one thing would make the biggest difference/);
  if (info.project.use.javaScriptEnabled === false) {
    // Without JavaScript the hint states the limit; no count pretends to update.
    await expect(page.getByText("You can write up to 1000 characters.")).toBeVisible();
    await expect(message).toBeEmpty();
    return;
  }
  // The island shows its count once it is awake in the browser.
  await expect(message).toHaveText("Characters remaining: 1000");
  await box.fill("Hello, ąę\nاردو");
  await expect(message).toHaveText("Characters remaining: 986");
  await box.fill("x".repeat(1003));
  await expect(message).toHaveText("Characters over the limit: 3");
  await expectAccessible(page);
});
