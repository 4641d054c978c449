// Transport wrappers that guarantee a prompt answer to every cancelled request. vscode-jsonrpc
// only flags the handler's token on `$/cancelRequest`; a handler that is waiting for the first
// index (or computing) would answer seconds later. Here the reply -32800 RequestCancelled is
// written as soon as the client cancels, and the handler's late answer is dropped.
import {
  IPCMessageReader,
  IPCMessageWriter,
  LSPErrorCodes,
  StreamMessageReader,
  StreamMessageWriter,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';

interface Wire { id?: string | number | null; method?: string; params?: unknown }

/** Wraps a reader/writer pair; `graceMs` lets a handler that is about to answer do so itself. */
export function cancellableTransport(reader: MessageReader, writer: MessageWriter, graceMs = 20): [MessageReader, MessageWriter] {
  const pending = new Set<string>();
  const answered = new Set<string>();
  const key = (id: unknown) => JSON.stringify(id);

  const wrappedReader: MessageReader = {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    dispose: () => reader.dispose(),
    listen(callback: DataCallback): Disposable {
      return reader.listen((msg: Message) => {
        const m = msg as Wire;
        if (m.method !== undefined && m.id !== undefined && m.id !== null) pending.add(key(m.id));
        if (m.method === '$/cancelRequest') {
          const id = (m.params as { id?: string | number } | undefined)?.id;
          const k = key(id);
          if (id !== undefined && pending.has(k)) {
            setTimeout(() => {
              if (!pending.has(k)) return;
              pending.delete(k);
              answered.add(k);
              writer.write({ jsonrpc: '2.0', id, error: { code: LSPErrorCodes.RequestCancelled, message: 'The request was cancelled.' } } as Message).catch(() => undefined);
            }, graceMs);
          }
        }
        callback(msg);
      });
    },
  };

  const wrappedWriter: MessageWriter = {
    onError: writer.onError,
    onClose: writer.onClose,
    dispose: () => writer.dispose(),
    end: () => writer.end(),
    write(msg: Message): Promise<void> {
      const m = msg as Wire;
      if (m.method === undefined && m.id !== undefined && m.id !== null) {
        const k = key(m.id);
        // The client was already told the request was cancelled.
        if (answered.delete(k)) return Promise.resolve();
        pending.delete(k);
      }
      return writer.write(msg);
    },
  };
  return [wrappedReader, wrappedWriter];
}

/** The transport named on the command line (`--stdio`, `--node-ipc`), wrapped; undefined for others. */
export function transportFromArgv(argv: readonly string[]): [MessageReader, MessageWriter] | undefined {
  if (argv.includes('--stdio')) {
    // Redirect console output: stdout carries the protocol.
    for (const k of ['log', 'info', 'warn', 'debug'] as const) console[k] = (...args: unknown[]) => console.error(...args);
    // The connection sees reader objects, not streams, so it does not watch stdin: end with it.
    const exit = () => process.exit(0);
    process.stdin.on('end', exit);
    process.stdin.on('close', exit);
    return cancellableTransport(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  }
  if (argv.includes('--node-ipc')) {
    process.on('disconnect', () => process.exit(0));
    return cancellableTransport(new IPCMessageReader(process), new IPCMessageWriter(process));
  }
  return undefined;
}
