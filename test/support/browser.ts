import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (Playwright cannot download its own builds here); see shared/notes/browser-tests.md. */
export const CHROMIUM = 'chromium';

/** Flags that run Chromium as root in a sandbox with no network, without background traffic. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DESKTOP = { width: 1400, height: 900 } as const;
export const PHONE = { width: 375, height: 800 } as const;

/** A headless Chromium with a fresh profile and downloads allowed; `close` removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
  const executablePath = spawnSync('sh', ['-c', `command -v ${CHROMIUM}`], { encoding: 'utf8' }).stdout.trim();
  const profile = mkdtempSync(join(tmpdir(), 'console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: FLAGS,
    viewport: DESKTOP,
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Screenshots of the page at the desktop and the phone size, into CONSOLE_SHOTS_DIR when it is
 * set (for people to look at); either way, whether the page scrolls sideways at either size.
 */
export async function shootAndMeasure(page: Page, name: string): Promise<{ overflowing: string[] }> {
  const dir = process.env.CONSOLE_SHOTS_DIR;
  if (dir) mkdirSync(dir, { recursive: true });
  const overflowing: string[] = [];
  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(100);
    const wide = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth');
    if (wide) overflowing.push(`${name} at ${viewport.width} px`);
    if (dir) await page.screenshot({ path: join(dir, `${name}-${size}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
  return { overflowing };
}
