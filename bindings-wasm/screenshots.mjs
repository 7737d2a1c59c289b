// Takes the README's pictures (scripts/screenshots runs it): the top of the справка and a
// teacher's section of it, side by side in one picture; and the demo page's teacher's view
// right after a «2» was typed for a student back from a long absence.
import { pathToFileURL } from "node:url";
import { join, resolve } from "node:path";

import { chromium } from "playwright-core";

import { serve } from "./www/serve.mjs";

const [spravka, out] = process.argv.slice(2).map((p) => resolve(p));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});

// The справка: its first screen, as printed (the A4 stylesheet).
const page = await browser.newPage({ viewport: { width: 900, height: 1250 }, deviceScaleFactor: 1 });
await page.goto(pathToFileURL(spravka).href);
await page.emulateMedia({ media: "screen" });
await page.screenshot({ path: join(out, "spravka.png") });

// The teacher's view: 9А, Алгебра, 9 October; a topic, then a «2» for 9a-03.
const { server, url } = await serve(0);
const view = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
await view.goto(`${url}?mode=journal`);
await view.waitForSelector("#journal-grid");
const type = async (selector, text) => {
  await view.fill(selector, text);
  await view.press(selector, "Tab");
};
await type("#journal-topic", "Решение систем неравенств");
await type('input[data-student="9a-01"]', "5");
await type('input[data-student="9a-03"]', "2");
await view.waitForSelector('[data-findings="cell-9a-03"] [data-rule="failing_mark_after_absence"]');
await view.locator("#journal").screenshot({ path: join(out, "teacher-view.png") });
server.close();
await browser.close();
