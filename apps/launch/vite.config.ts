import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { readLaunchEnv } from './src/env.ts';
import { browserConfig } from './src/server/config.ts';

/** In `vite` (development) /config.json comes from the same settings the production server reads. */
function configJson(): Plugin {
  return {
    name: 'openpas-config-json',
    configureServer(server) {
      server.middlewares.use('/config.json', (_request, response) => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify(browserConfig(readLaunchEnv())));
      });
    },
  };
}

// The browser app: React pages built to dist/ and served by src/server; `vite` serves them in development.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), tailwindcss(), configJson()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // One chunk of about 590 kB (React, fhirclient, the guide's code lists the builder uses).
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      onLog(level, log, handler) {
        // fhirclient's isomorphic-webcrypto shim assigns `module.exports` in an ES module; it works as built.
        if (log.code === 'COMMONJS_VARIABLE_IN_ESM') return;
        handler(level, log);
      },
    },
  },
  server: { port: 3003, strictPort: true },
});
