// A parse worker's script (out/parseWorker.js): runs the parser bundle (out/parseWorker-main.js) from a V8
// code cache. A worker is terminated rather than exited, so its exit handlers never run: the code cache is
// saved once the worker has parsed a few dozen pages, by when nearly all of the parser has been compiled.
import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { compileCacheDir, loadBundle } from './compileCache';

const SAVE_AFTER = 64;
const loaded = loadBundle(path.join(__dirname, 'parseWorker-main.js'), compileCacheDir(), false);
let seen = 0;
// After the bundle's own handler has answered the message.
parentPort?.on('message', () => { if (++seen === SAVE_AFTER) setImmediate(loaded.save); });
