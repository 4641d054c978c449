// Entry of a parse worker (bundled to out/parseWorker.js): parses the pages the pool sends.
import { parentPort } from 'node:worker_threads';
import { indexPage } from '../core/parse/fastScan';
import type { ParseReply, ParseRequest } from './workers';

parentPort?.on('message', (req: ParseRequest) => {
  let reply: ParseReply;
  try {
    reply = { id: req.id, facts: indexPage(req.file, req.text, req.options) };
  } catch (e) {
    reply = { id: req.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
