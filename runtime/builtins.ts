/*
 * The Node built-ins a Lambda's cold start loads, as `process.getBuiltinModule` (Node ≥ 20.16) hands
 * them over: the module itself, where `import … from 'node:fs'` first builds an ES module facade of
 * it, one binding per export. A keiba Lambda bundle's import and first answer took 37.2 ms with the
 * imports and 34.4 ms this way (in process, medians of 9 in turns). An older Node gets the same
 * modules through `import()`.
 */
type BuiltinLoader = <T>(id: string) => T | undefined;

const fromProcess = (process as unknown as { getBuiltinModule?: BuiltinLoader }).getBuiltinModule?.bind(process);

export const nodeCrypto: typeof import('node:crypto') = fromProcess?.('node:crypto') ?? (await import('node:crypto'));
export const nodeFs: typeof import('node:fs') = fromProcess?.('node:fs') ?? (await import('node:fs'));
export const nodeUrl: typeof import('node:url') = fromProcess?.('node:url') ?? (await import('node:url'));
