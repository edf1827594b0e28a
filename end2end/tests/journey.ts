import { expect, Page } from "@playwright/test";
import { expectAccessible } from "./fixtures";

/** Helpers that walk the demo Big SEND Survey the way a respondent does. */

export const SURVEY = "/s/big-send-survey";

/** Opens the start page and says yes to taking part; lands on page 1. */
export async function start(page: Page, check = false) {
  await page.goto(SURVEY);
  if (check) await expectAccessible(page);
  await page.getByLabel("Yes, I want to take part").check();
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page).toHaveURL(/\/p\/1$/);
}

export async function continueOn(page: Page) {
  await page.getByRole("button", { name: "Continue" }).click();
}

/** From page 1, as a professional, skip every optional page to "Check your answers". */
export async function throughAsProfessional(page: Page) {
  await page.getByLabel("A professional").check();
  await continueOn(page);
  while (!/\/check$/.test(page.url())) {
    await continueOn(page);
  }
}

/** The receipt or resume code shown on the page. */
export async function shownCode(page: Page): Promise<string> {
  const code = (await page.locator(".code").innerText()).trim();
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  return code;
}

/** Enters a code on "Use your code". */
export async function useCode(page: Page, code: string) {
  await page.goto(`${SURVEY}/return`);
  await page.getByLabel("Your code").fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
}
