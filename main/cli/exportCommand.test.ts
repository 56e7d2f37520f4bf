import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeExactJson } from '../../app/export/exactJson';
import type { GoldenFile } from '../../app/export/golden';
import { corpus } from '../../app/testing/shared';
import { EXIT_EXPORT, runExportCommand } from './exportCommand';

class Capture {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

async function exportCli(...argv: string[]) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runExportCommand(argv, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const folder = mkdtempSync(join(tmpdir(), 'splitscope-export-cli-'));
const BANKNOTE = corpus('spark/mllib_dt_banknote_depth5.txt');
const BANKNOTE_CSV = corpus('spark/mllib_dt_banknote_depth5.csv');

describe('splitscope export', () => {
  it('exports with the CSV rows as golden rows, then refuses the same folder without --force (exit 5)', async () => {
    const out = join(folder, 'banknote');
    const first = await exportCli(BANKNOTE, '--target', 'docker', '--out', out, '--csv', BANKNOTE_CSV, '--ignore-columns', 'class');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/selftest passed: 1372 rows from the CSV/);
    expect(first.stdout).toContain('docker build -t mllib-dt-banknote-depth5 .');
    const golden = decodeExactJson<GoldenFile>(readFileSync(join(out, 'golden.json'), 'utf8'));
    expect(golden.rows[0]).toEqual([3.6216, 8.6661, -2.8073, -0.44699]);

    const again = await exportCli(BANKNOTE, '--target', 'lambda', '--out', out);
    expect(again.code).toBe(EXIT_EXPORT);
    expect(again.stderr).toMatch(/E_EXPORT_FOLDER_NOT_EMPTY/);
    expect(existsSync(join(out, 'index.mjs'))).toBe(false);
    const forced = await exportCli(BANKNOTE, '--target', 'lambda', '--out', out, '--force');
    expect(forced.code).toBe(0);
    expect(existsSync(join(out, 'index.mjs'))).toBe(true);
    expect(existsSync(join(out, 'server.mjs'))).toBe(false);
  });

  it('exports a Python Lambda bundle and runs its selftest.py with the named Python', async () => {
    const out = join(folder, 'banknote-python');
    // Debian's python3 unless the caller names another (SPLITSCOPE_PYTHON, as the app does).
    const python = process.env.SPLITSCOPE_PYTHON || '/usr/bin/python3';
    const result = await exportCli(BANKNOTE, '--target', 'lambda-python', '--out', out, '--python', python);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/wrote a lambda-python bundle to .*banknote-python/);
    expect(result.stdout).toMatch(/selftest passed: \d+ generated rows scored by the bundle matched the app bit for bit/);
    expect(result.stdout).toContain('  python3 selftest.py');
    expect(readFileSync(join(out, 'handler.py'), 'utf8')).toMatch(/^MODEL_CHECKSUM: Optional\[str\] = "sha256:[0-9a-f]{64}"$/m);
    const missing = await exportCli(BANKNOTE, '--target', 'lambda-python', '--out', join(folder, 'no-python'), '--python', join(folder, 'no-such-python3'));
    expect(missing.code).toBe(EXIT_EXPORT);
    expect(missing.stderr).toMatch(/no-such-python3 was not found: the bundle's selftest needs Python 3/);
  });

  it('uses exit 2 for usage, 3 for the model, 4 for the CSV', async () => {
    expect((await exportCli(BANKNOTE, '--out', join(folder, 'x'))).code).toBe(2);
    expect((await exportCli(BANKNOTE, '--target', 'gcp', '--out', join(folder, 'x'))).stderr).toMatch(/--target "gcp": expected one of lambda, lambda-python, docker, spark, onnx/);
    expect((await exportCli('--target', 'lambda', '--out', join(folder, 'x'))).code).toBe(2);
    const missing = await exportCli(join(folder, 'no-such-model.txt'), '--target', 'lambda', '--out', join(folder, 'x'));
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/no such file/);
    const badCsv = join(folder, 'bad.csv');
    writeFileSync(badCsv, 'variance,skewness,curtosis,entropy\n1,2,3,4\n1,two,3,4\n');
    const bad = await exportCli(BANKNOTE, '--target', 'lambda', '--out', join(folder, 'y'), '--csv', badCsv);
    expect(bad.code).toBe(4);
    expect(bad.stderr).toMatch(/E_DATA_VALUE.*row 3.*"two" is not a number/);
    expect(existsSync(join(folder, 'y'))).toBe(false);
    expect((await exportCli('--help')).stdout).toMatch(/Usage: splitscope export/);
  });
});
