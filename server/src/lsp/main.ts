import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { VERSION } from '../version';
import { startServer } from './server';
import { transportFromArgv } from './transport';

if (process.argv.includes('--version')) {
  process.stdout.write(`${VERSION}\n`);
  process.exit(0);
}
// `--stdio` and `--node-ipc` get transports that answer cancelled requests at once; other
// transports (`--socket=N`, `--pipe`) are read by createConnection from argv.
const transport = transportFromArgv(process.argv.slice(2));
const connection = transport ? createConnection(ProposedFeatures.all, transport[0], transport[1]) : createConnection(ProposedFeatures.all);
process.on('uncaughtException', (e) => connection.console.error(`Uncaught: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`Unhandled rejection: ${e instanceof Error ? e.stack : String(e)}`));
startServer(connection);
