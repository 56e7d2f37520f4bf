/**
 * The real-disk twin of a path inside the packaged app's asar archive. worker_threads cannot load
 * a script from inside app.asar, so electron-builder.yml unpacks the parse worker (and the chunks it
 * imports, and the sample model it reads) to app.asar.unpacked; this points there. Unchanged in
 * development, where there is no asar.
 */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, `$1app.asar.unpacked$2`);
}

