// The bench's Chromium peer, run in its own process (npm run bench -- --peers measures it with GNU
// time, which counts the browser too: it is a child this process waits for): prints the project's
// own web edition pages to PDF, A4 with backgrounds and the pages' print CSS, tagged and with an
// outline as the project's PDFs are. The browser finds only the BIZ UD fonts of fonts/ (a
// fontconfig file of its own), as the project's PDFs use them; nothing is downloaded.
// usage: node scripts/bench.mjs peer-chromium <out folder> <fonts folder> <page.html>…
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import chromium from '@sparticuz/chromium';
import puppeteer from 'puppeteer-core';

const [out, fonts, ...pages] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const fontsConf = path.resolve(out, 'fonts.conf');
writeFileSync(
  fontsConf,
  `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${path.resolve(fonts)}</dir>\n  <cachedir>${path.resolve(out, 'fontconfig-cache')}</cachedir>\n</fontconfig>\n`,
);
const browser = await puppeteer.launch({
  args: chromium.args,
  executablePath: await chromium.executablePath(),
  headless: true,
  env: { ...process.env, FONTCONFIG_FILE: fontsConf },
});
const child = browser.process();
try {
  const page = await browser.newPage();
  for (const file of pages) {
    await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load', timeout: 0 });
    await page.pdf({
      path: path.join(out, `${path.basename(file, '.html')}.pdf`),
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      tagged: true,
      outline: true,
      timeout: 0,
    });
  }
} finally {
  await browser.close();
  // GNU time counts a child's CPU only once it has been waited for: the browser has exited before this process does
  if (child && child.exitCode === null && child.signalCode === null) await new Promise((done) => child.once('exit', done));
}
