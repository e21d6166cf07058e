// A static file server that answers like a static host, for the benchmark
// and `scripts/serve.sh`: compressed bodies for compressible types, the
// right MIME types (application/wasm lets the browser compile while it
// downloads), and an ETag so the service worker's precache can revalidate
// instead of downloading again. Counts the bytes it sends.
//
// encoding: 'br' (brotli when the browser accepts it, else gzip), 'gzip'
// (gzip only, like a host without brotli), or 'none'. A release build's
// own .br and .gz copies (scripts/precompress.mjs) are sent as they are;
// for a directory without them (the benchmark's floor and plain pages),
// the same compression is done once per file here.
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// [MIME type, compress?]. PNG is compressed already; hosts send it as it is.
const TYPES = {
  '.html': ['text/html; charset=utf-8', true],
  '.js': ['text/javascript; charset=utf-8', true],
  '.mjs': ['text/javascript; charset=utf-8', true],
  '.wasm': ['application/wasm', true],
  '.css': ['text/css; charset=utf-8', true],
  '.json': ['application/json', true],
  '.webmanifest': ['application/manifest+json', true],
  '.svg': ['image/svg+xml', true],
  '.txt': ['text/plain; charset=utf-8', true],
  '.png': ['image/png', false],
  '.ico': ['image/x-icon', false],
};

const COMPRESS = {
  br: (raw) => brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
  gzip: (raw) => gzipSync(raw, { level: 9 }),
};
const SUFFIX = { br: '.br', gzip: '.gz' };

/** Serves `root` on a loopback port; resolves to { origin, sent(), close() }. */
export async function serveHost(root, { encoding = 'br', port = 0 } = {}) {
  const base = resolve(root);
  const cache = new Map();
  let sent = 0;
  const server = createServer(async (req, res) => {
    try {
      let path = normalize(join(base, decodeURIComponent(new URL(req.url, 'http://localhost').pathname)));
      if (!path.startsWith(base)) return void res.writeHead(403).end();
      if ((await stat(path).catch(() => null))?.isDirectory()) path = join(path, 'index.html');
      const [type, compressible] = TYPES[extname(path)] ?? ['application/octet-stream', false];
      const accepts = req.headers['accept-encoding'] ?? '';
      const chosen = !compressible || encoding === 'none'
        ? null
        : encoding === 'br' && /\bbr\b/.test(accepts)
          ? 'br'
          : /\bgzip\b/.test(accepts)
            ? 'gzip'
            : null;
      const key = `${chosen}:${path}`;
      if (!cache.has(key)) {
        const raw = await readFile(path);
        const body = chosen
          ? await readFile(path + SUFFIX[chosen]).catch(() => COMPRESS[chosen](raw))
          : raw;
        cache.set(key, { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"` });
      }
      const { body, etag } = cache.get(key);
      const headers = { 'content-type': type, 'cache-control': 'no-cache', etag, vary: 'Accept-Encoding' };
      if (chosen) headers['content-encoding'] = chosen;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, headers).end();
      headers['content-length'] = body.length;
      res.writeHead(200, headers).end(body);
      sent += body.length;
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    /** Body bytes sent so far (compressed where compressed). */
    sent: () => sent,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(ok);
      }),
  };
}
