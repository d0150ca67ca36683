#!/usr/bin/env node
// Installs the npm dependencies when node_modules is missing or older than package-lock.json, so `npm start` and
// `npm test` work on a fresh clone. Plain CommonJS with no dependencies: it runs before anything is installed.
//
// The stamp records a hash of package.json and package-lock.json; an unchanged lock costs one hash and no npm run.
'use strict';
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const stampFile = path.join(root, 'node_modules', '.fluid-cdk8s-installed');
/** A line every so often while npm runs, so a long first install does not look stuck. */
const TICK_MS = 15_000;

function lockHash() {
  const hash = crypto.createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) hash.update(fs.readFileSync(path.join(root, file)));
  return hash.digest('hex');
}

function readStamp() {
  try {
    return fs.readFileSync(stampFile, 'utf8').trim();
  } catch {
    return ''; // first run, or node_modules was removed
  }
}

function main() {
  const want = lockHash();
  const have = readStamp();
  if (have === want) return;
  const started = Date.now();
  const say = (line) => process.stderr.write(`[setup ${String(Math.round((Date.now() - started) / 1000)).padStart(3)}s] ${line}\n`);
  say(have === '' ? 'Installing npm dependencies (first run: about a minute)'
    : 'package.json or package-lock.json changed: updating npm dependencies');
  const ticker = setInterval(() => say('npm install still running'), TICK_MS);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // --foreground-scripts shows dependencies' install scripts as they run, not after npm ends. The npm script that
  // called us compiles next (there is no `prepare`: `npm pack` builds in `prepack`).
  const child = spawn(npm, ['install', '--no-audit', '--no-fund', '--foreground-scripts'], { cwd: root, stdio: 'inherit' });
  child.once('error', (err) => {
    clearInterval(ticker);
    say(`could not run npm: ${err.message}`);
    process.exit(1);
  });
  child.once('close', (code) => {
    clearInterval(ticker);
    if (code !== 0) {
      say(`npm install failed (exit ${code}); its messages are above`);
      process.exit(code ?? 1);
    }
    // npm may rewrite the lock (platform entries it adds): record what is there now.
    fs.writeFileSync(stampFile, `${lockHash()}\n`);
    say('npm dependencies installed');
  });
}

main();
