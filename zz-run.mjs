import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const page = await browser.newPage();
const code = readFileSync('zz-w.js', 'utf8');
const text = readFileSync(process.argv[2], 'utf8');
const result = await page.evaluate(async ({ code, text, rows, choices }) => {
  const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
  return await new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); worker.postMessage({ text, rows, choices }); });
}, { code, text, rows: Number(process.argv[3]), choices: process.argv[4].split(',') });
console.log(result);
await browser.close();
