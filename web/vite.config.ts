import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API runs on its own port; the browser sees one origin, as in production where the server
// serves web/dist itself, so the session cookie stays same-origin in both.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    // ws: the dashboard's live progress socket lives under /api too.
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false, ws: true } },
  },
  build: { outDir: 'dist', sourcemap: true },
});
