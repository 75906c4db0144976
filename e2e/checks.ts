// Checks the e2e specs share: a screenshot when GOPSY_SHOTS names a folder, and where a drawn block lies.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

const SHOTS = process.env.GOPSY_SHOTS;

/** A screenshot into $GOPSY_SHOTS, when it is set (for looking at what a spec saw). */
export async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name) });
}

/** The block's drawn rectangle lies inside the box the graph is shown in. */
export async function expectInside(block: Locator, box: Locator): Promise<void> {
  await expect
    .poll(async () => {
      const b = await block.boundingBox();
      const c = await box.boundingBox();
      if (!b || !c) return 'not drawn';
      const inside = b.x >= c.x - 0.5 && b.y >= c.y - 0.5 && b.x + b.width <= c.x + c.width + 0.5 && b.y + b.height <= c.y + c.height + 0.5;
      return inside ? 'inside' : `block ${JSON.stringify(b)} outside ${JSON.stringify(c)}`;
    })
    .toBe('inside');
}
