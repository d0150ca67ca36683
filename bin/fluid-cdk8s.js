#!/usr/bin/env node
// Runs the compiled CLI; `npm install` and `npm run build` compile it into dist/.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
// Node 22.1+ keeps V8's compiled code of the modules between runs (in the OS temp folder; NODE_DISABLE_COMPILE_CACHE=1
// turns it off): loading modules is most of what a short command costs. Node 20 has no such switch.
const { enableCompileCache } = require('node:module');
if (typeof enableCompileCache === 'function') enableCompileCache();
const main = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write('fluid-cdk8s: not built yet; run `npm run build` in ' + path.join(__dirname, '..') + '\n');
  process.exit(1);
}
// `fluid-cdk8s synth ... | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (e) => {
  if (e && e.code === 'EPIPE') process.exit(0);
  throw e;
});
require(main).buildProgram().parseAsync(process.argv).catch((e) => {
  process.stderr.write('fluid-cdk8s: ' + (e && e.message ? e.message : String(e)) + '\n');
  process.exitCode = 1;
});
