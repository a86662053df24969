import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * How the proxy treats connections while it is cut: `reset` accepts and resets them at once
 * (the database's port answers, its server does not), `refused` stops listening (nothing
 * answers on the port: connect fails with ECONNREFUSED).
 */
export type CutMode = 'reset' | 'refused';

/**
 * A TCP proxy on 127.0.0.1 between an API process and PostgreSQL that a test can cut and
 * restore: the database dropping away for that API alone, without touching the shared server
 * the other specs use.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private cutMode: CutMode | null = null;
  private server: Server;
  private listeningPort = 0;

  private constructor(private readonly target: { host: string; port: number }) {
    this.server = this.newServer();
  }

  /** A proxy to `target` on a free port of 127.0.0.1. */
  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    await proxy.listen(0);
    return proxy;
  }

  /** The proxy for a PostgreSQL URL's host and port: the same URL through the proxy. */
  static async forUrl(databaseUrl: string): Promise<{ proxy: TcpProxy; url: string }> {
    const target = new URL(databaseUrl);
    const proxy = await TcpProxy.start({
      host: target.hostname,
      port: Number(target.port || 5432),
    });
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    return { proxy, url: url.toString() };
  }

  get port(): number {
    return this.listeningPort;
  }

  /** Connections open through the proxy now. */
  get open(): number {
    return this.sockets.size / 2;
  }

  /** Ends every open connection with a reset and treats new ones by `mode` until `restore`. */
  async cut(mode: CutMode): Promise<void> {
    this.cutMode = mode;
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
    if (mode === 'refused') await new Promise<void>((done) => this.server.close(() => done()));
  }

  /** Lets connections through again, on the same port. */
  async restore(): Promise<void> {
    if (this.cutMode === 'refused') {
      this.server = this.newServer();
      await this.listen(this.listeningPort);
    }
    this.cutMode = null;
  }

  async stop(): Promise<void> {
    const wasListening = this.cutMode !== 'refused';
    this.cutMode = 'refused';
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (wasListening) await new Promise<void>((done) => this.server.close(() => done()));
  }

  private listen(port: number): Promise<void> {
    return new Promise((done, fail) => {
      this.server.once('error', fail);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', fail);
        const address = this.server.address();
        if (typeof address === 'object' && address) this.listeningPort = address.port;
        done();
      });
    });
  }

  private newServer(): Server {
    return createServer((client) => {
      client.on('error', () => undefined);
      if (this.cutMode) {
        client.resetAndDestroy();
        return;
      }
      const upstream = connect(this.target.port, this.target.host);
      upstream.on('error', () => undefined);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        // Either side closing ends the other: the proxy never keeps half a connection.
        socket.once('close', () => {
          this.sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }
}
