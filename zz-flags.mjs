import v8 from 'node:v8';
if (process.argv[2]) v8.setFlagsFromString(process.argv[2]);
await import('./zz-score2.mjs');
