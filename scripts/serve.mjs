// Serves the release build (dist/) like a static host: brotli or gzip from
// the build's own precompressed copies. Usage: node scripts/serve.mjs [port]
import { serveHost } from './host.mjs';

const port = Number(process.argv[2] ?? 8080);
const host = await serveHost(new URL('../dist', import.meta.url).pathname, { encoding: 'br', port });
console.log(`LDN calculator: ${host.origin}/  (the patient's page: ${host.origin}/patient.html)`);
console.log('Ctrl+C stops it.');
