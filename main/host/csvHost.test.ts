import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../app/bridge';
import { REFERENCE_DIR } from '../../app/testing/shared';
import { ModelHost } from './modelHost';

function host(startupCsvPath?: string) {
  const events: ProgressEvent[] = [];
  const bridge = new ModelHost({ kind: 'web', version: 'test', samplePath: join(REFERENCE_DIR, 'skl_dtc_iris', 'tree.txt'), startupCsvPath, onProgress: (event) => events.push(event) });
  return { bridge, events };
}

describe('ModelHost CSV methods', () => {
  it('reads the --csv file as a load-csv job, then a queued path, then none without one', async () => {
    const startup = join(REFERENCE_DIR, 'lgb_multiclass_iris', 'input_main.csv');
    const { bridge, events } = host(startup);
    const first = await bridge.openStartupCsv({ jobId: 'a' });
    expect(first.status).toBe('ok');
    if (first.status === 'ok') expect(first.table).toMatchObject({ fileName: 'input_main.csv', rows: 150, path: startup });
    expect(events.filter((event) => event.jobId === 'a').map((event) => event.state)).toContain('done');
    expect(events.every((event) => event.task === 'load-csv')).toBe(true);
    bridge.queueCsvPath(join(REFERENCE_DIR, 'lgb_binary_nan', 'input_main.csv'));
    const queued = await bridge.openStartupCsv({});
    if (queued.status !== 'ok') throw new Error(queued.status);
    expect(queued.table.fileName).toBe('input_main.csv');
    expect(queued.table.columns.length).toBe(20);
    expect(await host().bridge.openStartupCsv({})).toEqual({ status: 'none' });
  });

  it('reads CSV text, reports an empty file with a code, and rejects malformed requests', async () => {
    const { bridge } = host();
    const read = await bridge.loadCsvText({ text: 'a,b\n1,2\n', fileName: 'x.csv', jobId: 'j' });
    expect(read).toMatchObject({ status: 'ok', table: { rows: 1 } });
    expect(await bridge.loadCsvText({ text: '', fileName: 'empty.csv' })).toMatchObject({ status: 'error', error: { code: 'E_CSV_EMPTY', fileName: 'empty.csv' } });
    await expect(bridge.loadCsvText({ text: 42, fileName: 'x.csv' })).rejects.toThrow();
    await expect(bridge.loadCsvText({ text: '', fileName: 'x.csv', path: '/etc/passwd' })).rejects.toThrow();
  });

  it('honours a cancel that came before reading started (before the job, or while the file was checked)', async () => {
    const path = join(REFERENCE_DIR, 'lgb_multiclass_iris', 'input_main.csv');
    const { bridge, events } = host(path);
    await bridge.cancelJob({ jobId: 'early' });
    expect(await bridge.openStartupCsv({ jobId: 'early' })).toEqual({ status: 'cancelled' });
    expect(events.filter((event) => event.jobId === 'early').at(-1)?.state).toBe('cancelled');
    const reading = bridge.openCsvPath(path, 'during-stat');
    expect((await bridge.cancelJob({ jobId: 'during-stat' })).wasRunning).toBe(true); // its stat call is still pending
    expect(await reading).toEqual({ status: 'cancelled' });
  });
});
