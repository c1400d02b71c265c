// The web app builds from web/ into web/dist, which the server serves; in development Vite proxies
// the API to a locally running server (see README: PORT=8090).
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.REGULARS_API ?? 'http://localhost:8090';

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': apiTarget, '/docs': apiTarget, '/openapi.json': apiTarget } },
});
