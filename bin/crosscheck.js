#!/usr/bin/env node
// Thin launcher: the program lives in dist/ (built by `npm install` / `npm run build`).
// React's development build checks every render and is several times slower; users get production.
process.env.NODE_ENV ??= 'production';
const { main } = await import('../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
