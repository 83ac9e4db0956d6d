import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// rehype-katex turns KaTeX's HTML into a tree with hast-util-from-html-isomorphic, whose browser build parses it with
// the DOM (DOMParser): every `style="..."` KaTeX writes is then an inline style the CSP (style-src 'self') refuses,
// one console error per span. Its default build parses in JavaScript (parse5) and builds the tree without touching
// the DOM; React then applies the styles through the CSSOM, which CSP allows. Only the math chunk grows.
const fromKatex = createRequire(fileURLToPath(import.meta.resolve('rehype-katex')));
const htmlToTree = fromKatex.resolve('hast-util-from-html-isomorphic');

// In development the API runs on its own port; the browser sees one origin, as in production where the server
// serves web/dist itself, so the session cookie stays same-origin in both.
export default defineConfig({
  plugins: [react()],
  resolve: { alias: { 'hast-util-from-html-isomorphic': htmlToTree } },
  server: {
    port: 5173,
    // ws: the dashboard's live progress socket lives under /api too.
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false, ws: true } },
  },
  build: { outDir: 'dist', sourcemap: true },
});
