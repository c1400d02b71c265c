// Debian's Chromium driven by playwright-core. Nothing is downloaded: without /usr/bin/chromium the
// browser tests skip and say how to install it.
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM_PATH);
export const NO_CHROMIUM_MESSAGE = `Chromium is absent (${CHROMIUM_PATH}): browser tests skipped. Install it with: apt-get install -y chromium`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
