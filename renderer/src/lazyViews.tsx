import { lazy } from 'react';

/*
 * Views the first tree does not need, each in a chunk of its own: the Test panel (with its charts),
 * the forest view and the model comparison. The page's first script then compiles and runs only what
 * draws the model's overview and its first tree; these chunks load once that tree is painted
 * (`preloadViews`), or at once if the user asks for a view before.
 */
const loadTesting = () => import('./testing/TestingPanel');
const loadForest = () => import('./forest/ForestView');
const loadCompare = () => import('./diff/CompareView');

export const TestingPanel = lazy(() => loadTesting().then((module) => ({ default: module.TestingPanel })));
export const ForestView = lazy(() => loadForest().then((module) => ({ default: module.ForestView })));
export const CompareView = lazy(() => loadCompare().then((module) => ({ default: module.CompareView })));

/** Loads the views' chunks ahead of use (after the first tree is drawn): a later click shows them at once. */
export function preloadViews(): void {
  for (const load of [loadTesting, loadForest, loadCompare]) load().catch((error: Error) => console.error(`splitscope: a view did not load (${error.message})`));
}
