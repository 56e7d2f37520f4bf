/**
 * Prints a double so that reading the text back gives the same double: JavaScript's shortest
 * round-trip form (`String(x)`), except that negative zero keeps its sign. Infinities print as
 * `Infinity`/`-Infinity`, which `Number()`, Python's `float()` and this project's cell reader read back.
 */
export function formatNumber(value: number): string {
  if (value === 0 && 1 / value < 0) return '-0';
  return String(value);
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or edge space. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line with its `\n`. */
export function csvLine(fields: readonly string[]): string {
  let line = '';
  for (let index = 0; index < fields.length; index++) {
    if (index > 0) line += ',';
    line += csvField(fields[index]);
  }
  return line + '\n';
}
