import type { Page } from '@playwright/test';

/** Page gestures and timings the browser benches share (forest, whole tree). */

/** Clicks a control in the page and resolves with ms from the click to the second frame after `isPainted` holds. */
export async function timeSwitch(page: Page, testId: string, isPainted: string): Promise<number> {
  return page.evaluate(
    ({ testId, isPainted }) =>
      new Promise<number>((resolve, reject) => {
        const check = new Function(`return (${isPainted})`) as () => boolean;
        const started = performance.now();
        (document.querySelector(`[data-testid="${testId}"]`) as HTMLButtonElement).click();
        const timeout = setTimeout(() => reject(new Error(`${testId}: nothing painted after 60 s`)), 60_000);
        const poll = () => {
          if (check()) {
            requestAnimationFrame(() =>
              requestAnimationFrame(() => {
                clearTimeout(timeout);
                resolve(performance.now() - started);
              }),
            );
          } else requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
      }),
    { testId, isPainted },
  );
}

/** A `measureFrames` result as the benches print it. */
export const fps = (frames: { fps: number; p95: number }): string => `${frames.fps.toFixed(1).padStart(5)} fps (p95 ${frames.p95.toFixed(1)} ms)`;

/** Frames per second and 95th-percentile frame time while a gesture runs. */
export async function measureFrames(page: Page, gesture: () => Promise<void>): Promise<{ fps: number; p95: number }> {
  await page.evaluate(() => {
    const state = window as unknown as { frameTimes: number[]; frameStop: boolean };
    state.frameTimes = [];
    state.frameStop = false;
    const tick = (time: number) => {
      state.frameTimes.push(time);
      if (!state.frameStop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await gesture();
  const times = await page.evaluate(() => {
    const state = window as unknown as { frameTimes: number[]; frameStop: boolean };
    state.frameStop = true;
    return state.frameTimes;
  });
  const gaps = times.slice(1).map((time, index) => time - times[index]);
  const sorted = [...gaps].sort((a, b) => a - b);
  return { fps: ((times.length - 1) / (times[times.length - 1] - times[0])) * 1000, p95: sorted[Math.floor(sorted.length * 0.95)] ?? NaN };
}

async function centreOf(page: Page, testId: string): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId(testId).boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

export async function pan(page: Page, testId: string): Promise<void> {
  const centre = await centreOf(page, testId);
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.down();
  const started = Date.now();
  for (let step = 0; Date.now() - started < 2000; step++) await page.mouse.move(centre.x + 220 * Math.sin(step / 12), centre.y + 120 * Math.cos(step / 12));
  await page.mouse.up();
}

export async function zoom(page: Page, testId: string): Promise<void> {
  const centre = await centreOf(page, testId);
  await page.mouse.move(centre.x, centre.y);
  const started = Date.now();
  for (let step = 0; Date.now() - started < 2000; step++) {
    await page.mouse.wheel(0, step % 40 < 20 ? 60 : -60);
    await page.waitForTimeout(8);
  }
}

