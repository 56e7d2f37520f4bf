// e2e/zz-shot.mts
import { chromium } from "@playwright/test";

// e2e/host.ts
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
var ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
var SHARED = join(ROOT, "..", "shared");
var WINE_SAMPLE = join(ROOT, "assets", "samples", "wine_decision_tree.txt");
async function startWebHost(modelPath, extraArgs = [], env = {}) {
  const entry = join(ROOT, "dist", "main", "web.mjs");
  if (!existsSync(entry)) throw new Error("dist/main/web.mjs is missing: run `npm run build` first");
  const child = spawn(process.execPath, [entry, ...modelPath ? [modelPath] : [], ...extraArgs, "--port", "0"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"]
  });
  let output = "";
  child.stdout.on("data", (chunk) => output += chunk);
  child.stderr.on("data", (chunk) => output += chunk);
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:
${output}`)), 15e3);
    const check = () => {
      const match = /open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on("data", check);
    child.once("exit", (code) => reject(new Error(`host exited with ${code}:
${output}`)));
  });
  return {
    url,
    process: child,
    output: () => output,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    })
  };
}

// e2e/zz-shot.mts
var host = await startWebHost("/work/shared/corpus/lightgbm/keiba_binary_nan_missing_v4.txt", ["--csv", "/tmp/keiba100k.csv"], {});
var browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"] });
var page = await browser.newPage();
page.on("console", (m) => {
  if (m.text().startsWith("ZZ")) console.log(m.text());
});
await page.goto(host.url);
await page.waitForSelector('[data-testid="csv-summary"][data-scored="true"]', { timeout: 12e4 });
console.log(await page.getByTestId("csv-summary").innerText());
await browser.close();
host.stop();
