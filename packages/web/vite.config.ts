import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves dist/ at / (packages/server/src/web-assets.ts): hashed files under assets/
// are cached for good, index.html never.
// eslint-disable-next-line no-restricted-syntax -- Vite loads the config's default export
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No source maps in the served bundle: the server would serve them to anyone.
    sourcemap: false,
  },
});
