import { expect, expectAccessible, test } from "./fixtures";
import { continueOn } from "./journey";

// The survey builder, the whole job: create a survey, add a question with
// options and a second page shown only for young people, preview it,
// publish it, and answer it as a family. Each project builds its own.

test("an officer builds a branching survey, previews and publishes it, and a young person answers", async ({ page }) => {
  test.slow();
  const title = `Short breaks ${test.info().project.name} ${Date.now()}`;
  await page.goto("/officer");
  await page.getByLabel("Email address").fill("officer@demo.heard.test");
  await page.getByLabel("Password").fill("demo-officer-2026");
  await page.getByRole("button", { name: "Sign in" }).click();

  await page.getByRole("link", { name: "Create a survey" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Create a survey");
  await expectAccessible(page);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("How the views will be used").fill("The short breaks team reads every answer.");
  await page.getByRole("button", { name: "Create survey" }).click();
  await expect(page.getByRole("status")).toContainText("Survey created as a draft");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expectAccessible(page);

  // Page 1: who is answering.
  await page.getByRole("link", { name: /Add a question to this page – Page 1/ }).click();
  await expect(page.getByRole("group", { name: "What kind of question?" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Choose one option").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Add a question");
  await expectAccessible(page);
  // One option is not enough: the error pattern, keeping what was typed.
  await page.getByLabel("Question", { exact: true }).fill("Who is answering?");
  await page.getByLabel("Option 1", { exact: true }).fill("A parent or carer");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert")).toContainText("at least 2 options");
  await expectAccessible(page);
  await expect(page.getByLabel("Option 1", { exact: true })).toHaveValue("A parent or carer");
  await page.getByLabel("Option 2", { exact: true }).fill("A young person");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");

  // Page 2, only for young people.
  await page.getByRole("button", { name: "Add a page" }).click();
  await page.getByRole("link", { name: /Add a question to this page – Page 2/ }).click();
  await page.getByLabel("Long text").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Question", { exact: true }).fill("What would help you most?");
  await page.getByLabel("Show only when").selectOption({ label: "Who is answering?: A young person" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Shown only if: Who is answering? is A young person")).toBeVisible();

  // Translate the first question into Polish.
  await page.getByRole("link", { name: "Translate into Polski" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Translate into Polski");
  await expectAccessible(page);
  await page.getByLabel("Who is answering?", { exact: true }).fill("Kto odpowiada?");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await expect(page.getByText(/^1 of 6 translated/)).toBeVisible();
  await page.getByRole("link", { name: "Back to the survey" }).click();

  // Preview both pages.
  await page.getByRole("link", { name: "Preview as a respondent" }).click();
  await expect(page.getByText("Nothing here can be sent or saved")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByRole("group", { name: /Who is answering\?/ })).toBeVisible();
  await expectAccessible(page);
  // The preview in Polish shows the translation.
  await page.goto(page.url().replace(/\?.*$/, "?page=1&lang=pl"));
  await expect(page.getByRole("group", { name: /Kto odpowiada\?/ })).toBeVisible();
  await page.goto(page.url().replace(/\?.*$/, "?page=1&lang=en"));
  await page.getByRole("link", { name: "Back to the survey" }).click();

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status")).toHaveText("Published. Families can answer now.");
  await page.getByRole("link", { name: "Open the public page" }).click();

  // A young person answers; the second page appears for them.
  await expect(page.getByRole("heading", { name: "How your views will be used" })).toBeVisible();
  await page.getByLabel("Yes, I want to take part").check();
  await page.getByRole("button", { name: "Start" }).click();
  await page.getByLabel("A young person").check();
  await continueOn(page);
  await expect(page.getByLabel("What would help you most?")).toBeVisible();
  await page.getByLabel("What would help you most?").fill("More evening sessions");
  await continueOn(page);
  await expect(page).toHaveURL(/\/check$/);
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.locator(".code")).toBeVisible();
});

test("a survey file can be imported, and a broken one is refused with the path of each problem", async ({ page }) => {
  await page.goto("/officer/surveys/import");
  await page.getByLabel("Email address").fill("officer@demo.heard.test");
  await page.getByLabel("Password").fill("demo-officer-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import a survey file");
  await expectAccessible(page);
  const broken = JSON.stringify({ format: "heard-survey", version: 1, slug: "Not A Slug", default_locale: "en", title: { en: "" }, views_statement: { en: "x" }, estimated_minutes: 5, pages: [] });
  await page.getByLabel("Or paste the file's contents").fill(broken);
  await page.getByRole("button", { name: "Import" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("title.en");
  await expect(alert).toContainText("slug");
  await expectAccessible(page);
});
