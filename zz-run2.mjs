import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const page = await browser.newPage();
const code = readFileSync('zz-w.js', 'utf8');
const text = readFileSync(process.argv[2], 'utf8');
const result = await page.evaluate(async ({ code, text, rows, choices, n }) => {
  const t0 = performance.now();
  const all = await Promise.all(Array.from({ length: n }, () => {
    const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    return new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); worker.postMessage({ text, rows, choices }); });
  }));
  return all.join('\n') + '\nwall ' + (performance.now() - t0).toFixed(0);
}, { code, text, rows: Number(process.argv[3]), choices: process.argv[4].split(','), n: Number(process.argv[5]) });
console.log(result);
await browser.close();
