// Vite config for the playground: `gradus` resolves to the package's own source, built into web/dist.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const webRoot = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: webRoot,
  base: "./",
  resolve: {
    alias: { gradus: fileURLToPath(new URL("../src/index.ts", import.meta.url)) },
  },
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 2048,
  },
  server: { host: "127.0.0.1", port: 5173 },
});
