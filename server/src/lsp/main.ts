import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { VERSION } from '../version';
import { startServer } from './server';

if (process.argv.includes('--version')) {
  process.stdout.write(`${VERSION}\n`);
  process.exit(0);
}
// `--stdio`, `--node-ipc` and `--socket=N` are read by createConnection from argv.
const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (e) => connection.console.error(`Uncaught: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`Unhandled rejection: ${e instanceof Error ? e.stack : String(e)}`));
startServer(connection);
