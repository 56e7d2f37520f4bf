/**
 * `splitscope diff` on the committed pairs (fixtures/diff, made by scripts/make_diff_pairs.py with
 * Debian's XGBoost 1.7.4 and scikit-learn 1.2). Oracle: the counts the libraries' own predictions
 * give (expected.json), computed in Python.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../paths';
import { cli, temporaryFolder } from './testing';

const PAIRS = join(PROJECT_ROOT, 'fixtures', 'diff');
const file = (pair: string, name: string) => join(PAIRS, pair, name);
const expected = (pair: string) => JSON.parse(readFileSync(file(pair, 'expected.json'), 'utf8')) as { rows: number; predictionChanged: number; maxAbsDelta?: number; tolerance?: number | null };

interface JsonReport {
  trees: { same: number; changed: number; added: number; removed: number };
  nodes: { changed: number };
  rows?: { compared: number; predictionChanged: number; maxAbsDelta: number };
  notComparable?: string;
}

describe('splitscope diff', () => {
  it('XGBoost 50 → 80 rounds with the rows: 30 trees added, no class changed, the largest probability move as XGBoost computes it', async () => {
    const truth = expected('xgb_binary');
    const result = await cli('diff', file('xgb_binary', 'old.json'), file('xgb_binary', 'new.json'), '--csv', file('xgb_binary', 'rows.csv'), '--label', 'label', '--json', '--fail-on-change');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.trees).toEqual({ same: 50, changed: 0, added: 30, removed: 0 });
    expect(report.nodes.changed).toBe(0);
    expect(report.rows).toMatchObject({ compared: truth.rows, predictionChanged: truth.predictionChanged, maxAbsDelta: truth.maxAbsDelta });
  });

  it('regression with --tolerance: rows moved by more than T as counted in Python; --fail-on-change exits 6', async () => {
    const truth = expected('xgb_regression');
    const args = ['diff', file('xgb_regression', 'old.json'), file('xgb_regression', 'new.json'), '--csv', file('xgb_regression', 'rows.csv'), '--ignore-columns', 'label', '--tolerance', String(truth.tolerance), '--json'];
    const result = await cli(...args);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.rows).toMatchObject({ compared: truth.rows, predictionChanged: truth.predictionChanged, maxAbsDelta: truth.maxAbsDelta });
    expect(truth.predictionChanged).toBeGreaterThan(0);
    const gated = await cli(...args, '--fail-on-change');
    expect(gated.code).toBe(6);
    expect(gated.stderr).toBe(`splitscope diff: ${truth.predictionChanged} of ${truth.rows} rows changed their prediction (--fail-on-change)\n`);
    // A tolerance above every move lets the release through.
    const loose = await cli(...args.slice(0, -3), '--tolerance', String(truth.maxAbsDelta), '--json', '--fail-on-change');
    expect(loose.code).toBe(0);
    expect((JSON.parse(loose.stdout) as JsonReport).rows!.predictionChanged).toBe(0);
  });

  it('scikit-learn depth 2 → 4: classes changed as scikit-learn predicts them; text summary; HTML report written', async () => {
    const truth = expected('skl_wine');
    const folder = temporaryFolder();
    const reportPath = join(folder, 'diff.html');
    const result = await cli('diff', file('skl_wine', 'old.txt'), file('skl_wine', 'new.txt'), '--csv', file('skl_wine', 'rows.csv'), '--label', 'label', '--ignore-unknown-columns', '--report', reportPath);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('trees: 0 same, 1 changed, 0 added, 0 removed');
    expect(result.stdout).toContain(`rows: ${truth.rows} compared, ${truth.predictionChanged} class changed`);
    expect(result.stdout).toMatch(/^old accuracy /m);
    const html = readFileSync(reportPath, 'utf8');
    expect(html).toContain(`rows whose class changed ${truth.predictionChanged}`);
    expect(html).not.toMatch(/<script|<link |src=/);
  });

  it('a model.json against its own text dump: all trees identical, and with the dump\'s objective and base score, zero rows changed', async () => {
    const result = await cli('diff', file('xgb_binary', 'old.json'), file('xgb_binary', 'old.dump.txt'), '--csv', file('xgb_binary', 'rows.csv'), '--ignore-unknown-columns', '--ignore-columns', 'label', '--objective', 'binary:logistic', '--base-score', '0.5', '--json', '--fail-on-change');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.trees).toEqual({ same: 50, changed: 0, added: 0, removed: 0 });
    expect(report.nodes.changed).toBe(0);
    expect(report.rows).toMatchObject({ compared: expected('xgb_binary').rows, predictionChanged: 0, maxAbsDelta: 0 });
  });

  it('different tasks: says they are not comparable tree by tree and still diffs the predictions', async () => {
    const result = await cli('diff', file('xgb_binary', 'old.json'), file('xgb_regression', 'old.json'), '--json');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as JsonReport).notComparable).toMatch(/different tasks/);
  });

  it('a file that does not parse: which side, its code, line and column (exit 3)', async () => {
    const folder = temporaryFolder();
    const broken = join(folder, 'broken.txt');
    writeFileSync(broken, readFileSync(file('skl_wine', 'new.txt'), 'utf8').replace('|   |--- proline <=', '|   |--- proline <!'));
    const result = await cli('diff', file('skl_wine', 'old.txt'), broken);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^new model: error E_PARSE_\\w+: ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line \\d+, column \\d+: `));
  });

  it('a CSV that fits only one side names the missing columns and the side (exit 4)', async () => {
    const folder = temporaryFolder();
    const rows = readFileSync(file('skl_wine', 'rows.csv'), 'utf8').split('\n');
    const header = rows[0].split(',');
    const newOnly = readFileSync(file('skl_wine', 'new.txt'), 'utf8').match(/--- (\w+) <=/g)!.map((m) => m.slice(4, -3)).find((name) => !readFileSync(file('skl_wine', 'old.txt'), 'utf8').includes(`--- ${name} `))!;
    const drop = header.indexOf(newOnly);
    const cut = join(folder, 'cut.csv');
    writeFileSync(cut, rows.map((line) => line.split(',').filter((_, i) => i !== drop).join(',')).join('\n'));
    const result = await cli('diff', file('skl_wine', 'old.txt'), file('skl_wine', 'new.txt'), '--csv', cut, '--ignore-unknown-columns');
    expect(result.code).toBe(4);
    expect(result.stderr).toBe(
      `error E_DATA_COLUMN_MISSING: ${cut}: row 1 (the header): for the new model (${file('skl_wine', 'new.txt')}): no column for model feature ${JSON.stringify(newOnly)}; the model has named features, matched by header name\n`,
    );
  });

  it('usage errors (exit 2) and help', async () => {
    expect((await cli('diff', 'a.txt')).code).toBe(2);
    expect((await cli('diff', 'a.txt', 'b.txt', '--tolerance=-1')).stderr).toContain('--tolerance must be a number ≥ 0');
    expect((await cli('diff', 'a.txt', 'b.txt', '--fail-on-change')).stderr).toContain('--fail-on-change needs --csv');
    const help = await cli('diff', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: splitscope diff OLD NEW');
    expect((await cli('--help')).stdout).toContain('diff OLD NEW [--csv ROWS]');
  });

  it('the built command (dist/main/cli.mjs) exits 6 on the regression pair with --fail-on-change', async () => {
    const bundle = join(PROJECT_ROOT, 'dist', 'main', 'cli.mjs');
    if (!existsSync(bundle)) {
      console.warn(`SKIPPED: ${bundle} is not built (npm run build); the in-process tests above cover the command`);
      return;
    }
    const { spawnSync } = await import('node:child_process');
    if (!spawnSync(process.execPath, [bundle, '--help'], { encoding: 'utf8' }).stdout.includes('diff OLD NEW')) {
      console.warn(`SKIPPED: ${bundle} was built before the diff command; run npm run build`);
      return;
    }
    const run = spawnSync(process.execPath, [bundle, 'diff', file('xgb_regression', 'old.json'), file('xgb_regression', 'new.json'), '--csv', file('xgb_regression', 'rows.csv'), '--ignore-columns', 'label', '--tolerance', '1', '--fail-on-change', '--json'], { encoding: 'utf8' });
    expect(run.status).toBe(6);
    expect(JSON.parse(run.stdout).rows.predictionChanged).toBe(expected('xgb_regression').predictionChanged);
  });
});
