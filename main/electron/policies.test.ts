import { describe, expect, it } from 'vitest';
import { EXTERNAL_URL_ALLOW_LIST, fileKind, filesFromArgv, isExternalUrlAllowed, isNavigationAllowed, isPermissionGranted } from './policies';
import { unpackedPath } from './packaging';

const page = 'file:///opt/Splitscope/resources/app.asar/dist/renderer/index.html';

describe('navigation policy', () => {
  it('allows only the app page itself (hash changes)', () => {
    expect(isNavigationAllowed(page, page)).toBe(true);
    expect(isNavigationAllowed(`${page}#tree`, page)).toBe(true);
  });

  it('blocks remote pages, other local files, and odd schemes', () => {
    for (const target of [
      'https://example.com/',
      'http://127.0.0.1:8080/index.html',
      'file:///etc/passwd',
      'file:///opt/Splitscope/resources/app.asar/dist/renderer/other.html',
      `${page}?token=x`,
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'not a url',
    ]) {
      expect(isNavigationAllowed(target, page), target).toBe(false);
    }
  });
});

describe('permission policy', () => {
  it('denies every permission Electron can ask for', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'midi', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'hid', 'serial', 'usb', 'unknown']) {
      expect(isPermissionGranted(permission), permission).toBe(false);
    }
  });
});

describe('shell.openExternal allow-list', () => {
  it('opens only the project pages over HTTPS', () => {
    expect(EXTERNAL_URL_ALLOW_LIST.every((url) => url.startsWith('https://'))).toBe(true);
    expect(isExternalUrlAllowed('https://github.com/splitscope/splitscope')).toBe(true);
    expect(isExternalUrlAllowed('https://github.com/splitscope/splitscope/issues/7')).toBe(true);
  });

  it('refuses look-alikes, other schemes and credentials', () => {
    for (const url of [
      'http://github.com/splitscope/splitscope',
      'https://github.com/splitscope/splitscope-evil',
      'https://github.com.evil.example/splitscope/splitscope',
      'https://user:pass@github.com/splitscope/splitscope',
      'file:///etc/passwd',
      'smb://server/share',
      'javascript:alert(1)',
      'https://example.com/',
      '',
    ]) {
      expect(isExternalUrlAllowed(url), url).toBe(false);
    }
  });
});

describe('files from the command line', () => {
  it('takes the model after the app in development and packaged launches', () => {
    expect(filesFromArgv(['/usr/bin/electron', 'dist/main/electron.mjs', 'model.txt'], false, '/home/me')).toEqual({ model: '/home/me/model.txt' });
    expect(filesFromArgv(['/opt/Splitscope/splitscope', '/data/model.json'], true, '/home/me')).toEqual({ model: '/data/model.json' });
  });

  it('skips Chromium switches and reads --csv and .csv files as CSVs', () => {
    const argv = ['/opt/Splitscope/splitscope', '--user-data-dir=/tmp/u', '--allow-file-access-from-files', '--csv', 'rows.csv', 'm.txt'];
    expect(filesFromArgv(argv, true, '/w')).toEqual({ model: '/w/m.txt', csv: '/w/rows.csv' });
    expect(filesFromArgv(['/app', '/d/rows.CSV'], true, '/w')).toEqual({ csv: '/d/rows.CSV' });
    expect(filesFromArgv(['/app', '--csv=/d/a.csv'], true, '/w')).toEqual({ csv: '/d/a.csv' });
    expect(filesFromArgv(['/app'], true, '/w')).toEqual({});
  });

  it('tells CSVs from models by extension', () => {
    expect(fileKind('/a/b.csv')).toBe('csv');
    expect(fileKind('/a/b.tsv')).toBe('csv');
    expect(fileKind('/a/model.txt')).toBe('model');
    expect(fileKind('/a/model.json')).toBe('model');
  });
});

describe('packaged paths', () => {
  it('points worker and sample paths out of the asar archive', () => {
    expect(unpackedPath('/opt/Splitscope/resources/app.asar/dist/main/parseWorker.mjs')).toBe('/opt/Splitscope/resources/app.asar.unpacked/dist/main/parseWorker.mjs');
    expect(unpackedPath('C:\\Program Files\\Splitscope\\resources\\app.asar\\assets\\samples\\wine.txt')).toBe(
      'C:\\Program Files\\Splitscope\\resources\\app.asar.unpacked\\assets\\samples\\wine.txt',
    );
    expect(unpackedPath('/work/main/dist/main/parseWorker.mjs')).toBe('/work/main/dist/main/parseWorker.mjs');
  });
});
