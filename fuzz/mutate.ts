/**
 * Seeded mutations of a model file: what a damaged download, a bad editor or an attacker makes of
 * it. Pure functions of (text, random), so a seed reproduces every mutant.
 */

export type Random = () => number;

/** Numbers that broke or could break readers: overflow, underflow, beyond 2^53, huge counts, specials. */
const HOSTILE_NUMBERS = ['1e400', '-1e400', '1e-400', '1.79e308', 'NaN', 'nan', 'inf', '-inf', '-1', '0', '-0', '9007199254740993', '100000000', '4294967296', '99999999999999999999', '0.9007199254740993', '1e9'];
/** The most characters one mutation may add. */
const MAX_GROWTH = 2_000_000;
const NOISE = ['\n', ' ', '\t', '-', 'e', '.', '[', ']', '{', '}', '"', ':', '=', ',', '<', '>', '|', '0', '9', 'x', '\r', '\u0000', 'é'];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function lineBounds(text: string, random: Random): [number, number] {
  const at = Math.floor(random() * text.length);
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', at);
  return [start, end < 0 ? text.length : end + 1];
}

const MUTATIONS: Record<string, (text: string, random: Random) => string> = {
  flip(text, random) {
    const at = Math.floor(random() * text.length);
    return text.slice(0, at) + pick(random, NOISE) + text.slice(at + 1);
  },
  insert(text, random) {
    const at = Math.floor(random() * text.length);
    return text.slice(0, at) + pick(random, NOISE) + text.slice(at);
  },
  deleteSpan(text, random) {
    const at = Math.floor(random() * text.length);
    return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 50));
  },
  deleteLine(text, random) {
    const [start, end] = lineBounds(text, random);
    return text.slice(0, start) + text.slice(end);
  },
  duplicateLine(text, random) {
    const [start, end] = lineBounds(text, random);
    const wanted = random() < 0.1 ? 2000 : 1 + Math.floor(random() * 3);
    // Mutants stay a few megabytes at most: the point is many inputs, not one giant one.
    const times = Math.max(1, Math.min(wanted, Math.floor(MAX_GROWTH / Math.max(1, end - start))));
    return text.slice(0, end) + text.slice(start, end).repeat(times) + text.slice(end);
  },
  swapLines(text, random) {
    const [startA, endA] = lineBounds(text, random);
    const [startB, endB] = lineBounds(text, random);
    if (startA === startB) return text;
    const [first, second] = startA < startB ? [[startA, endA], [startB, endB]] : [[startB, endB], [startA, endA]];
    if (first[1] > second[0]) return text;
    return text.slice(0, first[0]) + text.slice(second[0], second[1]) + text.slice(first[1], second[0]) + text.slice(first[0], first[1]) + text.slice(second[1]);
  },
  hostileNumber(text, random) {
    const numbers = [...sampleNumbers(text, random)];
    if (numbers.length === 0) return text;
    const [start, end] = pick(random, numbers);
    return text.slice(0, start) + pick(random, HOSTILE_NUMBERS) + text.slice(end);
  },
  truncate(text, random) {
    return text.slice(0, Math.floor(random() * text.length));
  },
  longLine(text, random) {
    const at = Math.floor(random() * text.length);
    const length = 10_000 + Math.floor(random() * 200_000);
    return text.slice(0, at) + pick(random, ['x', '1', ' ', '[', '|--- ', '9']).repeat(length).slice(0, length) + text.slice(at);
  },
  crOnly(text) {
    return text.replace(/\r?\n/g, '\r');
  },
  byteOrderMark(text) {
    return '\uFEFF' + text;
  },
};

/** Start and end of up to 20 number tokens found from a random place on. */
function* sampleNumbers(text: string, random: Random): Generator<[number, number]> {
  const pattern = /-?\d+(\.\d+)?([eE][-+]?\d+)?/g;
  pattern.lastIndex = Math.floor(random() * text.length);
  let found = 0;
  for (let match = pattern.exec(text); match && found < 20; match = pattern.exec(text), found++) yield [match.index, match.index + match[0].length];
}

/** One mutant: 1–3 mutations; its recipe names them, for the report. */
export function mutate(text: string, random: Random): { text: string; recipe: string[] } {
  const names = Object.keys(MUTATIONS);
  const recipe: string[] = [];
  let result = text;
  const count = 1 + Math.floor(random() * 3);
  for (let index = 0; index < count && result.length > 0; index++) {
    const name = pick(random, names);
    recipe.push(name);
    result = MUTATIONS[name](result, random);
  }
  return { text: result, recipe };
}
