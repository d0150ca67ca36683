#!/usr/bin/env node
// Runs the compiled CLI; `npm install` and `npm run build` compile it into dist/.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const main = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write('fluid-cdk8s: not built yet; run `npm run build` in ' + path.join(__dirname, '..') + '\n');
  process.exit(1);
}
// The command: the first word that is not an option (cli/main.ts picks it the same way).
const command = process.argv.slice(2).find((a) => !a.startsWith('-'));
// A short command (not the operator, the CSI plugin, a demo or a cluster that runs until stopped) keeps V8's young
// generation at its first size instead of letting it double: synth peaks at 71 MiB instead of 80, for the same CPU.
// Node 20 only, where V8 is known to take the flag (an unknown flag would print an error).
const SHORT_COMMANDS = ['validate', 'synth', 'install', 'diff', 'completion', 'help', undefined];
if (process.versions.node.startsWith('20.') && SHORT_COMMANDS.includes(command)) require('node:v8').setFlagsFromString('--semi-space-growth-factor=1');
// Keep V8's compiled code of the modules between runs (in the OS temp folder; NODE_DISABLE_COMPILE_CACHE=1 turns it
// off): loading modules is most of what a short command costs. Node 22.1+ does it itself; on Node 20 our own
// cache does it (cli/code-cache.ts), one store per command, and not for `--help` or `--version` alone, which load
// too little to gain from it.
const { enableCompileCache } = require('node:module');
if (process.env.NODE_DISABLE_COMPILE_CACHE) {
  // Compile as usual.
} else if (typeof enableCompileCache === 'function') enableCompileCache();
else if (command) {
  const store = /^[a-z]+$/.test(command) ? command : 'other';
    // One folder per user: the temp folder is shared, and a store is code the next run executes (cli/code-cache.ts).
  const folder = 'fluid-cdk8s-code-cache' + (process.getuid ? '-' + process.getuid() : '');
  require('../dist/cli/code-cache.js').enableCodeCache(path.join(require('node:os').tmpdir(), folder, process.version + '-' + store + '.bin'));
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
