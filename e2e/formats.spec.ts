import { expect, test } from '@playwright/test';
import { AppPage } from './pages/AppPage';
import { corpusPath, referencePath, startWebHost, WINE_SAMPLE, type RunningHost } from './host';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

const FORMATS = [
  { path: corpusPath('spark/ml_rf_classifier_spark201_4class_3trees.txt'), format: 'spark', warning: 'W_SPARK_SOFT_VOTE' },
  { path: referencePath('lgb_binary_nan/model.txt'), format: 'lightgbm', warning: undefined },
  { path: referencePath('xgb_binary_missing/model.dump.txt'), format: 'xgboost', warning: 'W_XGB_NO_OBJECTIVE' },
  { path: referencePath('xgb_binary_missing/model.json'), format: 'xgboost', warning: undefined },
  { path: corpusPath('sklearn/churn_pt_feature_names_with_spaces.txt'), format: 'sklearn', warning: 'W_SKL_TRUNCATED' },
];

for (const { path, format, warning } of FORMATS) {
  test(`opens ${path.split('/').slice(-2).join('/')} as ${format}${warning ? ` and shows ${warning}` : ''}`, async ({ page }) => {
    host = await startWebHost(WINE_SAMPLE);
    const app = new AppPage(page);
    await app.open(host.url);
    await expect(app.modelTitle).toContainText('wine_decision_tree.txt');
    await app.openModelFile(path);
    // The start-up model is scikit-learn too: wait for the opened file itself, then read its facts.
    await expect(app.modelTitle).toContainText(path.split('/').pop()!);
    await expect(page.getByTestId('model-format')).toHaveText(format);
    await expect(app.treeNodes.first()).toBeVisible();
    await expect(app.error).toHaveCount(0);
    if (warning) await expect(page.locator(`[data-testid="warning"][data-warning-code="${warning}"]`).first()).toBeVisible();
  });
}

test('an XGBoost text dump takes the objective and base_score from the user and is read again', async ({ page }) => {
  host = await startWebHost(referencePath('xgb_binary_missing/model.dump.txt'));
  const app = new AppPage(page);
  await app.open(host.url);
  const form = page.getByTestId('import-options');
  await expect(form).toBeVisible();
  await expect(page.locator('[data-warning-code="W_XGB_NO_OBJECTIVE"]')).toHaveCount(1);
  await form.getByTestId('option-objective').selectOption('binary:logistic');
  await form.getByTestId('option-base-score').fill('0.5');
  await form.getByTestId('apply-options').click();
  await expect(page.locator('[data-warning-code="W_XGB_NO_OBJECTIVE"]')).toHaveCount(0);
  await expect(page.getByTestId('model-panel')).toContainText('binary:logistic');
  await expect(page.getByTestId('model-panel')).toContainText('binary');
  // The values stay in the form after the re-read, so the user sees what the predictions use.
  await expect(form.getByTestId('option-objective')).toHaveValue('binary:logistic');
});
