/**
 * cn() is plain clsx, with no Tailwind conflict resolver: where a component looks different from
 * its default (the sidebar's left-aligned buttons, the pill-shaped remove button, the frameless
 * composer field, the compact rename field, fixed-width inputs, the code field), it is through a
 * variant, not a caller's class fighting the component's own. These check the computed styles,
 * so each fails if the override is lost or loses the fight in the stylesheet.
 */
import { expect, type Locator, type Page, test } from "@playwright/test";
import { gotoHydrated, MODEL_4, makePng, openChat } from "./helpers";

const style = (el: Locator, prop: string) =>
  el.evaluate((e, p) => getComputedStyle(e).getPropertyValue(p), prop);

/** True when the element is exactly as wide as its parent's content box (w-full). */
const fillsParent = (el: Locator) =>
  el.evaluate((e) => {
    const parent = e.parentElement as HTMLElement;
    const s = getComputedStyle(parent);
    const content = parent.clientWidth - Number.parseFloat(s.paddingLeft) - Number.parseFloat(s.paddingRight);
    return Math.abs(e.getBoundingClientRect().width - content) < 0.5;
  });

async function createConversation(page: Page, title: string): Promise<string> {
  const res = await page.request.post("/api/conversations", { data: { model: MODEL_4, title } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

test("the sidebar's buttons and links are left-aligned and full-width; a default button is centred", async ({
  page,
}) => {
  await openChat(page, MODEL_4);
  // The baseline: Button's own alignment, which the sidebar's variants change.
  expect(await style(page.getByTestId("send-button"), "justify-content")).toBe("center");

  const newChat = page.getByTestId("new-chat");
  expect(await style(newChat, "justify-content")).toBe("flex-start");
  // It takes the top row's free room, and may shrink (flex-1, not Button's shrink-0).
  expect(await style(newChat, "flex-grow")).toBe("1");
  expect(await style(newChat, "flex-shrink")).toBe("1");

  for (const id of ["open-data", "open-compare", "open-usage", "open-tools", "archived-toggle"]) {
    const el = page.getByTestId(id);
    expect(await style(el, "justify-content"), id).toBe("flex-start");
    expect(await fillsParent(el), `${id} is full-width`).toBe(true);
  }
});

test("the composer's field has no frame of its own; the attachment's remove button is a small pill", async ({
  page,
}) => {
  await openChat(page, MODEL_4);
  const field = page.getByTestId("composer-input");
  expect(await style(field, "border-top-width")).toBe("0px");
  expect(await style(field, "background-color")).toBe("rgba(0, 0, 0, 0)");
  await field.focus();
  // No focus ring of its own (the frame has it): no box-shadow with a spread above zero.
  const spreads = [
    ...(await style(field, "box-shadow")).matchAll(/-?[\d.]+px -?[\d.]+px -?[\d.]+px (-?[\d.]+)px/g),
  ];
  expect(spreads.map((m) => m[1]).filter((s) => Number(s) !== 0)).toEqual([]);
  // The frame around it has the ordinary border colour (the drag highlight is the other branch).
  const frame = field.locator("xpath=..");
  expect(await style(frame, "border-top-width")).toBe("1px");
  const aside = page.locator("aside").first();
  expect(await style(frame, "border-top-color")).toBe(await style(aside, "border-right-color"));

  await page.getByTestId("file-input").setInputFiles({
    name: "dot.png",
    mimeType: "image/png",
    buffer: makePng(40, 40),
  });
  const remove = page.getByTestId("composer-attachment").getByRole("button", { name: "Remove dot.png" });
  await expect(remove).toBeVisible();
  const box = (await remove.boundingBox())!;
  expect([box.width, box.height]).toEqual([24, 24]); // size-6, not icon-sm's size-7
  expect(Number.parseFloat(await style(remove, "border-top-left-radius"))).toBeGreaterThanOrEqual(12);
  expect(await style(remove, "border-top-width")).toBe("1px");
});

test("the rename field is compact and full-width", async ({ page }) => {
  const id = await createConversation(page, `Overrides ${Date.now().toString(36)}`);
  await gotoHydrated(page, "/");
  const item = page.locator(`[data-testid="conversation-item"][data-conversation-id="${id}"]`);
  await item.getByTestId("rename-button").click();
  const input = item.getByTestId("rename-input");
  await expect(input).toBeFocused();
  expect((await input.boundingBox())!.height).toBe(32); // h-8, not h-9
  expect(await style(input, "padding-left")).toBe("8px"); // px-2, not px-3
  expect(await fillsParent(input)).toBe(true);
  await input.press("Escape");
});

test("fixed-width inputs keep their width, full-width ones fill, and the code field is monospace", async ({
  page,
}) => {
  await gotoHydrated(page, "/tools");
  const add = page.getByTestId("mcp-add");
  expect((await add.getByLabel("Server name").boundingBox())!.width).toBe(144); // w-36
  const url = add.getByLabel("Server URL");
  expect(await style(url, "flex-grow")).toBe("1");
  expect(await style(url, "min-width")).toBe("256px");

  const definition = page.getByTestId("user-tool-add").getByLabel("Function definition (JSON)");
  expect(await style(definition, "font-size")).toBe("12px"); // text-xs, not text-sm
  expect(await style(definition, "font-family")).toMatch(/mono/i);
  expect(await style(definition, "border-top-width")).toBe("1px");

  await openChat(page, MODEL_4);
  await page.getByTestId("settings-toggle").click();
  const number = page.locator('input[data-testid^="setting-"][type="number"]').first();
  await expect(number).toBeVisible();
  expect(await fillsParent(number)).toBe(true);
});
