import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { runCli } from './run';

/** Collects what the CLI writes, as a real stdout/stderr would receive it. */
export class Capture {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output. */
export async function cli(...argv: string[]): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(argv, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A fresh temporary folder for one test file's inputs and outputs. */
export function temporaryFolder(): string {
  return mkdtempSync(join(tmpdir(), 'splitscope-cli-'));
}

export function writeFile(folder: string, name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

/** Parses CSV text into header and rows (the trailing blank line dropped). */
export function readCsvText(text: string): { header: string[]; rows: string[][] } {
  const data = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ',', skipEmptyLines: true }).data;
  return { header: data[0], rows: data.slice(1) };
}

export function readCsvFile(path: string): { header: string[]; rows: string[][] } {
  return readCsvText(readFileSync(path, 'utf8'));
}
