// A static file server for the phone benchmark that answers like a static
// host: gzip for compressible types (what a phone actually downloads), the
// right MIME types (application/wasm lets the browser compile while it
// downloads), and an ETag so the service worker's precache can revalidate
// instead of downloading again. Counts the bytes it sends.
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

// [MIME type, gzip?]. PNG is compressed already; hosts send it as it is.
const TYPES = {
  '.html': ['text/html; charset=utf-8', true],
  '.js': ['text/javascript; charset=utf-8', true],
  '.mjs': ['text/javascript; charset=utf-8', true],
  '.wasm': ['application/wasm', true],
  '.css': ['text/css; charset=utf-8', true],
  '.json': ['application/json', true],
  '.webmanifest': ['application/manifest+json', true],
  '.svg': ['image/svg+xml', true],
  '.png': ['image/png', false],
  '.ico': ['image/x-icon', false],
};

/** Serves `root` on a free loopback port; resolves to { origin, sent(), close() }. */
export async function serveGzip(root) {
  const base = resolve(root);
  // Compressed once per file, at level 9 like the size table: what a host
  // with precompressed files sends, and no compression time in the timings.
  const cache = new Map();
  let sent = 0;
  const server = createServer(async (req, res) => {
    try {
      let path = normalize(join(base, decodeURIComponent(new URL(req.url, 'http://localhost').pathname)));
      if (!path.startsWith(base)) return void res.writeHead(403).end();
      if ((await stat(path).catch(() => null))?.isDirectory()) path = join(path, 'index.html');
      const [type, compressible] = TYPES[extname(path)] ?? ['application/octet-stream', false];
      const gzip = compressible && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      const key = `${gzip}:${path}`;
      if (!cache.has(key)) {
        const raw = await readFile(path);
        const body = gzip ? gzipSync(raw, { level: 9 }) : raw;
        cache.set(key, { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"` });
      }
      const { body, etag } = cache.get(key);
      const headers = { 'content-type': type, 'cache-control': 'no-cache', etag, vary: 'Accept-Encoding' };
      if (gzip) headers['content-encoding'] = 'gzip';
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, headers).end();
      headers['content-length'] = body.length;
      res.writeHead(200, headers).end(body);
      sent += body.length;
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    /** Body bytes sent so far (gzip where gzipped). */
    sent: () => sent,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(ok);
      }),
  };
}
