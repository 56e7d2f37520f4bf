import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPythonSelftest } from './python';

const PYTHON = '/usr/bin/python3';

function bundleWith(selftest: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'splitscope-pyselftest-'));
  writeFileSync(join(folder, 'selftest.py'), selftest);
  return folder;
}

describe('runPythonSelftest (a real python3 process)', () => {
  it('reads the last JSON line the selftest prints, and writes no bytecode into the bundle', async () => {
    const folder = bundleWith(
      'import json, sys\nimport selftest_helper\nprint("scoring…")\nprint(json.dumps({"ok": True, "target": "lambda", "rows": 3, "requests": 3, "millis": 1}))\n',
    );
    writeFileSync(join(folder, 'selftest_helper.py'), 'X = 1\n');
    const outcome = await runPythonSelftest(folder, PYTHON, 30_000);
    expect(outcome.problem).toBeUndefined();
    expect(outcome.value).toEqual({ ok: true, target: 'lambda', rows: 3, requests: 3, millis: 1 });
    expect(readdirSync(folder).sort()).toEqual(['selftest.py', 'selftest_helper.py']);
  });

  it('says which Python is missing, and what to do', async () => {
    const outcome = await runPythonSelftest(bundleWith('print(1)\n'), '/nonexistent/python3', 30_000);
    expect(outcome.value).toBeUndefined();
    expect(outcome.problem).toMatch(/\/nonexistent\/python3 was not found: .*SPLITSCOPE_PYTHON/);
  });

  it('reports a selftest that dies without a report, with its last error line', async () => {
    const outcome = await runPythonSelftest(bundleWith('import no_such_module_here\n'), PYTHON, 30_000);
    expect(outcome.value).toBeUndefined();
    expect(outcome.problem).toMatch(/exited with code 1 without a report: ModuleNotFoundError: No module named 'no_such_module_here'/);
  });

  it('kills a selftest that runs past the timeout, and one the user cancels', async () => {
    const slow = 'import time\ntime.sleep(60)\n';
    const timedOut = await runPythonSelftest(bundleWith(slow), PYTHON, 500);
    expect(timedOut.timedOut).toBe(true);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const cancelled = await runPythonSelftest(bundleWith(slow), PYTHON, 60_000, controller.signal);
    expect(cancelled.cancelled).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
