import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// `npm run dev` serves the app on :5173 and sends API calls to a running
// `rungs serve` (make run) on :8080, or to RUNGS_API. `npm run build` writes dist/, which the
// Go binary embeds (frontend/frontend.go).
const api = process.env.RUNGS_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: {
    proxy: {
      '/graphql': api,
      '/export': api,
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
  },
});
