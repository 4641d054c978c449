// The `pillarlink-lsp` binary and the extension's server module (out/server.js): runs the server
// bundle (out/server-main.js), which starts the server when loaded, from a V8 code cache.
import * as path from 'node:path';
import { compileCacheDir, loadBundle } from '../node/compileCache';

loadBundle(path.join(__dirname, 'server-main.js'), compileCacheDir());
