import { describe, expect, it } from 'vitest';
import { isJobVisible } from './jobs';

describe('which job bars show', () => {
  const started = 10_000;
  it('a running job shows only after a moment', () => {
    expect(isJobVisible({ state: 'running' }, started, undefined, started + 100)).toBe(false);
    expect(isJobVisible({ state: 'running' }, started, undefined, started + 300)).toBe(true);
  });
  it('a job done before its bar would show never shows, so nothing flashes or moves', () => {
    expect(isJobVisible({ state: 'done' }, started, started + 120, started + 130)).toBe(false);
  });
  it('a job done after showing stays to say so; failures and cancels always show', () => {
    expect(isJobVisible({ state: 'done' }, started, started + 900, started + 1000)).toBe(true);
    expect(isJobVisible({ state: 'failed' }, started, started + 20, started + 30)).toBe(true);
    expect(isJobVisible({ state: 'cancelled' }, started, started + 20, started + 30)).toBe(true);
  });
});
