import { expect, expectAccessible, signIn, test } from "./fixtures";
import { shownCode, start, throughAsProfessional, useCode } from "./journey";

// "You said, we did": the public board and its filters, an action's page
// with its evidence and timeline, rating it (keyboard only), an officer
// writing and publishing an action from the demo survey's evidence, and a
// respondent seeing it under "What happened because of your views". Every
// form is plain HTML, so all of it runs with JavaScript off on a 360 px
// phone too; axe checks every page.

test("the public board filters without JavaScript and each action shows its evidence", async ({ page }) => {
  await page.goto("/you-said-we-did");
  await expect(page.getByRole("heading", { level: 1, name: "You said, we did" })).toBeVisible();
  await expect(page.getByText("The monthly drop-in started at 1pm")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("combobox", { name: "Status" }).selectOption("done");
  await page.getByRole("button", { name: "Show actions" }).click();
  await expect(page).toHaveURL(/status=done/);
  await expect(page.getByText("The monthly drop-in started at 1pm")).toBeVisible();
  await expect(page.getByText("The Local Offer website is confusing")).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole("link", { name: /The monthly drop-in started at 1pm/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /The monthly drop-in started at 1pm/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "The evidence" })).toBeVisible();
  await expect(page.getByText("Feedback on SEND drop-in at the Life Centre")).toBeVisible();
  await expect(page.getByRole("heading", { name: "What has happened" })).toBeVisible();
  await expect(page.getByText("Status: Done")).toBeVisible();
  await expectAccessible(page);

  // An action that was not possible says why; evidence tables are suppressed.
  await page.goto("/you-said-we-did?status=not-possible");
  await page.getByRole("link", { name: /drop-ins on Saturdays/ }).click();
  await expect(page.getByRole("heading", { name: "Why this was not possible" })).toBeVisible();
  await expectAccessible(page);

  // The feed is there for newsletters and feed readers.
  const feed = await page.request.get("/you-said-we-did/feed.atom");
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("application/atom+xml");
  expect(await feed.text()).toContain("<feed");
});

test("a family rates an action with the keyboard alone", async ({ page }, info) => {
  // Each project rates its own action: ratings are limited per place and action.
  const id = { "desktop-js": 1, "phone-no-js": 2, "phone-js": 3 }[info.project.name] ?? 1;
  await page.goto(`/you-said-we-did/${id}`);
  await expect(page.getByRole("group", { name: "Does this show that families' views were listened to?" })).toBeVisible();

  // Sent with no answer: the GOV.UK error pattern, and the comment is kept.
  await page.getByLabel("Anything else you want to tell us? (optional)").focus();
  await page.keyboard.type("Good to see <this> happen");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Send" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert")).toContainText("Choose yes, partly or no");
  await expect(page.getByLabel("Anything else you want to tell us? (optional)")).toHaveValue("Good to see <this> happen");
  await expectAccessible(page);

  // Tab into the radio group, move to "Partly" with the arrow keys, send.
  const yes = page.getByRole("radio", { name: "Yes" });
  await yes.focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: "Partly" })).toBeChecked();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Send" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/you-said-we-did/${id}\\?rated=1#rating$`));
  await expect(page.getByRole("heading", { name: "Thank you" })).toBeVisible();
  await expectAccessible(page);
});

test("an officer publishes an action from the survey's evidence and a respondent sees it", async ({ page, browser }, info) => {
  // A respondent sends answers and keeps the receipt code.
  // axe needs a page from a context of its own.
  const context = await browser.newContext();
  const respondent = await context.newPage();
  await start(respondent);
  await throughAsProfessional(respondent);
  await respondent.getByRole("button", { name: "Send my answers" }).click();
  const code = await shownCode(respondent);

  // The officer writes the action, links the question, previews, publishes.
  await signIn(page, "officer");
  await page.getByRole("link", { name: "You said, we did" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "You said, we did" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Create an action" }).click();
  await expectAccessible(page);
  const said = `Professionals asked for one contact for each school (${info.project.name})`;
  await page.getByLabel("You said").fill(said);
  await page.getByLabel("We did").fill("Each school now has a named SEND link worker.");
  await page.getByLabel("Service", { exact: true }).fill("SEND team");
  await page.getByLabel("My family is supported").check();
  await page.getByRole("button", { name: "Save as a draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: said })).toBeVisible();
  await expect(page.getByText("Draft (not public)")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("combobox", { name: "A question" }).selectOption({ label: "Who is answering this survey?" });
  await page.getByRole("button", { name: "Add this question" }).click();
  await expect(page.getByText("Evidence added.")).toBeVisible();
  await page.getByRole("link", { name: "Preview" }).click();
  await expect(page.getByText("Preview: this is how the public page looks.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Who is answering this survey?" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Back to the action" }).click();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText(/Published\. It is on the public page now/)).toBeVisible();
  await expectAccessible(page);

  // On the public board, and in the respondent's own view.
  await page.goto("/you-said-we-did");
  await expect(page.getByRole("link", { name: said })).toBeVisible();
  await useCode(respondent, code);
  await expect(respondent.getByRole("heading", { name: "What happened because of your views" })).toBeVisible();
  await expect(respondent.getByRole("link", { name: said })).toBeVisible();
  await expectAccessible(respondent);
  await context.close();
});
