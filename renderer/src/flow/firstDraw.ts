/**
 * When the page first drew a tree. Background work the first paint must not wait for (the scoring
 * workers' start, which copies the model into each worker) runs after it.
 */
let markDrawn: () => void = () => undefined;
const drawn = new Promise<void>((resolve) => (markDrawn = resolve));

/**
 * Called by the tree canvas once its first layout is committed; the tree counts as drawn once the
 * browser has painted that frame (a task after the frame's animation callbacks runs after its paint).
 */
export function noteTreeDrawn(): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(markDrawn, 0));
  else markDrawn();
}

/**
 * Runs `task` when the page is next idle after its first tree was drawn, or after `limitMs` in any
 * case (a model whose tree never draws, the forest view opened first).
 */
export function afterFirstTree(task: () => void, limitMs = 2000): void {
  const whenIdle = () => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => task(), { timeout: 500 });
    else setTimeout(task, 0);
  };
  void firstTreeDrawn(limitMs).then(whenIdle);
}

/** Resolves once the page has painted its first tree, or after `limitMs` in any case. */
export function firstTreeDrawn(limitMs = 2000): Promise<void> {
  return Promise.race([drawn, new Promise<void>((resolve) => setTimeout(resolve, limitMs))]);
}
