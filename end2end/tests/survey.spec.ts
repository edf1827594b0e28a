import type { Locator } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";
import { continueOn, shownCode, start, SURVEY, throughAsProfessional, useCode } from "./journey";

// The respondent journey. Each project runs these: desktop with JavaScript,
// and a 360 px phone with JavaScript off and on. Other tests answer at the
// same time, so totals are never asserted exactly here (server/tests do).

test("the home page lists the open demo survey", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Have your say");
  await expect(page.getByRole("link", { name: "Big SEND Survey 2026" })).toHaveAttribute("href", SURVEY);
  await expectAccessible(page);
});

test("a parent answers through the branches, checks, sends, changes and withdraws", async ({ page }) => {
  // The whole journey, with axe on every page: longer than one test usually takes.
  test.slow();
  await page.goto("/");
  await page.getByRole("link", { name: "Big SEND Survey 2026" }).click();
  // How views will be used comes before any question.
  await expect(page.getByRole("heading", { name: "How your views will be used" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Taking part is up to you" })).toBeVisible();
  await start(page, true);

  await expect(page.getByText("Page 1 of 4")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("group", { name: /Who is answering/ }).getByLabel("A parent or carer").check();
  await continueOn(page);

  // The parent page appears; the child page will not.
  await expect(page).toHaveURL(/\/p\/2$/);
  await expect(page.getByText("Page 2 of 5")).toBeVisible();
  await page.getByLabel("5 to 10").check();
  await page.getByLabel("An education, health and care plan (EHCP)").check();
  await page.getByLabel("Autism").check();
  await expectAccessible(page);
  await continueOn(page);

  await expect(page).toHaveURL(/\/p\/4$/);
  await page.getByLabel("Difficult", { exact: true }).check();
  await page.getByLabel("The Family Hub").check();
  await page.getByRole("group", { name: /know where to go/ }).getByLabel("Agree", { exact: true }).check();
  await page.getByRole("group", { name: /Overall, how was/ }).getByLabel("Good", { exact: true }).check();
  await expectAccessible(page);
  await continueOn(page);

  await expect(page).toHaveURL(/\/p\/5$/);
  // The review date is asked because of the EHCP answer two pages back.
  const review = page.getByRole("group", { name: /last reviewed/ });
  await review.getByLabel("Day").fill("3");
  await review.getByLabel("Month").fill("2");
  await review.getByLabel("Year").fill("2026");
  await page.getByRole("group", { name: /work together/ }).getByLabel("7", { exact: true }).check();
  await page.getByLabel(/How many weeks/).fill("18");
  await expectAccessible(page);
  await continueOn(page);

  await expect(page).toHaveURL(/\/p\/6$/);
  await page.getByLabel(/what is working well/).fill("The monthly drop-ins");
  await page.getByLabel(/biggest difference/).fill("Shorter waits.\nClearer letters.");
  await continueOn(page);

  // Check your answers, and change one.
  await expect(page).toHaveURL(/\/check$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your answers before sending them");
  await expect(page.getByText("3 February 2026")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: /Change\s+How many weeks/ }).click();
  await expect(page).toHaveURL(/\/p\/5\?return=check/);
  await page.getByLabel(/How many weeks/).fill("20");
  await continueOn(page);
  await expect(page).toHaveURL(/\/check$/);
  await page.getByRole("button", { name: "Send my answers" }).click();

  // The receipt code.
  await expect(page).toHaveURL(/\/done$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your answers have been sent");
  const receipt = await shownCode(page);
  await expectAccessible(page);

  // Back after sending never sends again: it returns to the confirmation.
  await page.goBack();
  await expect(page).toHaveURL(/\/done$/);
  expect(await shownCode(page)).toBe(receipt);

  // The receipt code opens the answers, to change them.
  await useCode(page, receipt.toLowerCase().replace("-", " "));
  await expect(page).toHaveURL(/\/your-answers$/);
  await expect(page.getByText("Autism")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Change your answers" }).click();
  await expect(page).toHaveURL(/\/check$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your changed answers");
  await page.getByRole("link", { name: /Change\s+What support/ }).click();
  await page.getByLabel("SEN Support at nursery, school or college").check();
  await continueOn(page);
  await expect(page).toHaveURL(/\/check$/);
  // The date depended on the EHCP answer, so it has gone.
  await expect(page.getByText("3 February 2026")).toHaveCount(0);
  await page.getByRole("button", { name: "Send my changed answers" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your changes have been saved");
  expect(await shownCode(page)).toBe(receipt);

  // And withdraw them.
  await useCode(page, receipt);
  await page.getByRole("link", { name: "Withdraw my answers" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Are you sure you want to withdraw your answers?",
  );
  await expectAccessible(page);
  await page.getByRole("button", { name: "Yes, withdraw my answers" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your answers have been withdrawn");
  await expectAccessible(page);
  await page.getByRole("link", { name: "See how many people have answered" }).click();
  await expect(page.getByText("Answers withdrawn")).toBeVisible();
  await expectAccessible(page);

  // The code no longer opens anything.
  await useCode(page, receipt);
  await expect(page.getByRole("alert")).toContainText("We could not find answers with that code");
  await expectAccessible(page);
});

test("answers can be saved and carried on elsewhere with the code", async ({ page, browser }, info) => {
  await start(page);
  await page.getByLabel("A child or young person (up to 25)").check();
  await continueOn(page);
  await expect(page).toHaveURL(/\/p\/3$/);
  await page.getByLabel("Very happy").check();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Save and come back later" }).click();

  await expect(page).toHaveURL(/\/saved$/);
  const code = await shownCode(page);
  await expectAccessible(page);
  await page.getByLabel("Email address").fill("not an address");
  await page.getByRole("button", { name: "Email me the code" }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByRole("alert")).toBeFocused();
  await page.getByLabel("Email address").fill("carer@example.com");
  await page.getByRole("button", { name: "Email me the code" }).click();
  await expect(page.getByRole("status")).toHaveText("We have sent the code to your email address.");

  // Another device, with nothing but the code.
  const other = await browser.newContext({
    viewport: page.viewportSize() ?? undefined,
    javaScriptEnabled: info.project.use.javaScriptEnabled !== false,
  });
  try {
    const later = await other.newPage();
    await useCode(later, code);
    // The face-scale page was saved, so it carries on from there.
    await expect(later).toHaveURL(/\/p\/3$/);
    await expect(later.getByLabel("Very happy")).toBeChecked();
    await expectAccessible(later);
  } finally {
    await other.close();
  }
});

test("a wrong answer shows the GOV.UK error pattern and keeps what was typed", async ({ page }) => {
  await start(page);
  await continueOn(page);
  // Page 1's question is required.
  await expect(page).toHaveTitle(/^Error: About you/);
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("There is a problem");
  await expect(summary).toBeFocused();
  await expectAccessible(page);
  const link = summary.getByRole("link", { name: "Answer this question" });
  await expect(link).toHaveAttribute("href", /^#q\d+-0$/);
  await link.click();
  await page.getByLabel("A professional").check();
  await continueOn(page);

  await expect(page).toHaveURL(/\/p\/4$/);
  await continueOn(page);
  await page.getByLabel(/How many weeks/).fill("two hundred");
  await continueOn(page);
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByRole("alert")).toContainText("Enter a whole number, like 12");
  await expect(page.getByLabel(/How many weeks/)).toHaveValue("two hundred");
  await expectAccessible(page);
});

test("the whole survey can be answered and sent with the keyboard alone", async ({ page }) => {
  test.slow();
  await page.goto(SURVEY);
  // The skip link comes first and moves to the main content.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
  await page.keyboard.press("Enter");
  const tabTo = async (target: Locator) => {
    for (let i = 0; i < 120 && !(await target.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press("Tab");
    }
    await expect(target).toBeFocused();
  };
  const yes = page.getByLabel("Yes, I want to take part");
  await tabTo(yes);
  await page.keyboard.press("Space");
  await expect(yes).toBeChecked();
  await tabTo(page.getByRole("button", { name: "Start" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/p\/1$/);

  const professional = page.getByLabel("A professional");
  await tabTo(page.getByLabel("A parent or carer"));
  // Arrow keys move between radios, as in every browser.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(professional).toBeChecked();
  const onward = async () => {
    await tabTo(page.getByRole("button", { name: "Continue" }));
    await page.keyboard.press("Enter");
  };
  await onward();
  await expect(page).toHaveURL(/\/p\/4$/);

  // Page 4: tick a checkbox with Space, then on through pages 5 and 6.
  const hub = page.getByLabel("The Family Hub");
  await tabTo(hub);
  await page.keyboard.press("Space");
  await expect(hub).toBeChecked();
  await onward();
  await expect(page).toHaveURL(/\/p\/5$/);
  await tabTo(page.getByLabel(/How many weeks/));
  await page.keyboard.type("12");
  await onward();
  await expect(page).toHaveURL(/\/p\/6$/);
  await tabTo(page.getByLabel(/biggest difference/));
  await page.keyboard.type("Typed without a mouse.");
  await onward();

  // Check, send, and read the receipt.
  await expect(page).toHaveURL(/\/check$/);
  await expect(page.getByText("Typed without a mouse.")).toBeVisible();
  await tabTo(page.getByRole("button", { name: "Send my answers" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/done$/);
  await shownCode(page);
});

test("right-to-left: the survey in Urdu", async ({ page }) => {
  await page.goto(`${SURVEY}?lang=ur`);
  await expect(page.locator("html")).toHaveAttribute("lang", "ur");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("بڑا SEND سروے 2026");
  await expectAccessible(page);

  // The choice is remembered for the next pages without ?lang=.
  await page.locator("#consent-yes").check();
  await page.locator("button[type=submit]").click();
  await expect(page).toHaveURL(/\/p\/1$/);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("آپ کے بارے میں");
  await expectAccessible(page);
  await page.locator("input[value=professional]").check();
  await page.locator("button[value=continue]").click();
  await expect(page).toHaveURL(/\/p\/4$/);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expectAccessible(page);

  // On to the end, still right to left, and send.
  await page.locator("button[value=continue]").click();
  await expect(page).toHaveURL(/\/p\/5$/);
  await page.locator("button[value=continue]").click();
  await expect(page).toHaveURL(/\/p\/6$/);
  await page.locator("textarea").fill("انتظار کم ہونا چاہیے");
  await page.locator("button[value=continue]").click();
  await expect(page).toHaveURL(/\/check$/);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByText("انتظار کم ہونا چاہیے")).toBeVisible();
  await expectAccessible(page);
  await page.locator("form[action$='/check'] button[type=submit]").click();
  await expect(page).toHaveURL(/\/done$/);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await shownCode(page);
  await expectAccessible(page);
});

test("easy read is offered on the start page and carries through the survey", async ({ page }) => {
  await page.goto(SURVEY);
  await page.getByRole("link", { name: "Read this survey in easy read" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en-easyread");
  await expect(page.getByText("SEND means special educational needs and disabilities.")).toBeVisible();
  await expectAccessible(page);
  await page.locator("#consent-yes").check();
  await page.locator("button[type=submit]").click();
  await expect(page).toHaveURL(/\/p\/1$/);
  await page.locator("input[value=professional]").check();
  await page.locator("button[value=continue]").click();
  await expect(page).toHaveURL(/\/p\/4$/);
  // Symbols sit beside the options that have them.
  await expect(page.locator("img.choice__image")).toHaveCount(5);
  await expectAccessible(page);
});

test("with JavaScript, a wrong answer is pointed out when typing pauses", async ({ page }, info) => {
  await start(page);
  await page.getByLabel("A professional").check();
  await continueOn(page);
  await continueOn(page);
  await expect(page).toHaveURL(/\/p\/5$/);
  const weeks = page.getByLabel(/How many weeks/);
  const live = page.locator(".live-check:visible");
  await weeks.fill("200");
  if (info.project.use.javaScriptEnabled === false) {
    // Without JavaScript the server says it after Continue (tested above).
    await page.waitForTimeout(1000);
    await expect(live).toHaveCount(0);
    return;
  }
  await expect(live).toHaveText("Enter a number that is 156 or less");
  await expectAccessible(page);
  await weeks.fill("20");
  await expect(live).toHaveCount(0);
  // "None of these" with another answer is pointed out at the click.
  await page.goto(`${SURVEY}/p/4`);
  await page.getByLabel("The Family Hub").check();
  await page.getByLabel("None of these").check();
  await expect(page.locator(".live-check:visible")).toContainText("on its own");
});

test("questions can be read aloud when the browser can speak", async ({ page }, info) => {
  await start(page);
  const button = page.getByRole("button", { name: "Read this question aloud" });
  if (info.project.use.javaScriptEnabled === false) {
    // No button that would do nothing.
    await expect(button).toHaveCount(0);
    return;
  }
  await expect(button).toHaveCount(1);
  await button.click();
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

test("long answers count the characters left as you type, when JavaScript runs", async ({ page }, info) => {
  await start(page);
  await throughAsProfessional(page);
  await page.goto(`${SURVEY}/p/6`);
  const message = page.locator(".character-count__message");
  const box = page.getByLabel(/biggest difference/);
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

test("at 320 px and on a phone nothing scrolls sideways", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await start(page);
  for (const path of [`${SURVEY}/p/1`, SURVEY]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await page.goto(`${SURVEY}/p/1`);
  // Touch targets are at least 44 by 44 CSS pixels.
  for (const target of await page.locator("input[type=radio], .choice label, main button:visible").all()) {
    const box = await target.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(44);
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  }
  // Body text is at least 16 px.
  const size = await page.locator("main p").first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(16);
});
