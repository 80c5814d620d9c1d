// Builds the Action's single-file ESM bundle: dist/index.js plus the two WASM files the shell
// parser loads (found beside the bundle through setShellWasmLocator). The output depends only on
// the sources and the locked dependencies (no timestamps, no absolute paths, sorted metafile-free
// output), so `.ci/run` can rebuild it and compare with the committed dist/.
import { chmodSync, copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const require = createRequire(join(root, 'package.json'));

/**
 * @actions/core imports its OIDC client (core.getIDToken) at the top level, and with it
 * @actions/http-client and undici: 400 KiB of the bundle for a function the Action never calls.
 * The module is replaced by one whose client refuses, so a future use fails loudly.
 */
const withoutOidc = {
  name: 'without-oidc',
  setup(b) {
    b.onResolve({ filter: /^\.\/oidc-utils\.js$/ }, (args) => (args.importer.includes(`${'@actions'}/core/`) ? { path: 'oidc-utils', namespace: 'az-stub' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'az-stub' }, () => ({
      contents: "export class OidcClient { static getIDToken() { throw new Error('agent-zones: OIDC tokens are not available in this bundle'); } }",
      loader: 'js',
    }));
  },
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  absWorkingDir: root,
  entryPoints: ['src/action/main.ts'],
  outfile: 'dist/index.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'eof',
  charset: 'utf8',
  logLevel: 'warning',
  // Some dependencies (bottleneck, @actions/http-client's tunnel) are CommonJS and call require().
  plugins: [withoutOidc],
  banner: { js: "import { createRequire as __azCreateRequire } from 'node:module'; const require = __azCreateRequire(import.meta.url);" },
});

for (const [spec, name] of [
  ['web-tree-sitter/web-tree-sitter.wasm', 'web-tree-sitter.wasm'],
  ['tree-sitter-bash/tree-sitter-bash.wasm', 'tree-sitter-bash.wasm'],
]) {
  copyFileSync(require.resolve(spec), join(dist, name));
  chmodSync(join(dist, name), 0o644); // the package's file modes vary; git records them
}

for (const f of readdirSync(dist).sort()) {
  console.log(`${relative(root, join(dist, f))}\t${(statSync(join(dist, f)).size / 1024).toFixed(1)} KiB`);
}
