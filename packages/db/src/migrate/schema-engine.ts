import { readFile } from 'node:fs/promises';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

// Prisma's schema engine compiled to WebAssembly, driven through a driver adapter: no native engine,
// nothing downloaded. Its package imports the .wasm as an ES module, which Node does not do without a
// flag, so the module is instantiated here by hand with the package's own JS glue.

type WasmExports = Record<string, unknown>;

// Our lib setting has no DOM types; this is the one WebAssembly call we make.
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: WasmExports } }>;
};

type Glue = typeof import('@prisma/schema-engine-wasm/schema_engine_bg') & {
  __wbg_set_wasm(exports: WasmExports): void;
};

let gluePromise: Promise<Glue> | undefined;

function loadGlue(): Promise<Glue> {
  gluePromise ??= (async () => {
    const gluePath = import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue = (await import(gluePath)) as Glue;
    const bytes = await readFile(new URL('schema_engine_bg.wasm', gluePath));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return gluePromise;
}

export type EngineLog = (line: string) => void;

/** A schema engine bound to a database through a driver adapter factory (PGlite or PostgreSQL). */
export async function openSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  options: { datamodel?: [path: string, content: string]; log?: EngineLog } = {},
): Promise<{ engine: SchemaEngine; close(): void }> {
  const glue = await loadGlue();
  const bound = bindMigrationAwareSqlAdapterFactory(adapterFactory);
  const log = options.log ?? (() => {});
  const engine = await glue.SchemaEngine.new(
    { datamodels: options.datamodel ? [options.datamodel] : undefined },
    (line: string) => log(line),
    bound,
  );
  return { engine, close: () => engine.free() };
}
