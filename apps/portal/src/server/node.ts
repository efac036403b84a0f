import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// The workspace packages (Prisma, pg, PGlite, the tRPC routers) are TypeScript sources that Node runs
// natively; bundling them would break their file-relative paths and duplicate the Prisma client. So the
// bundled app loads ../node/index.ts at run time, by a path the bundler does not follow. Both `next start`
// and `next dev` run in the portal's folder.
type NodeSide = typeof import('../node/index.ts');

let loaded: Promise<NodeSide> | undefined;

export function nodeSide(): Promise<NodeSide> {
  loaded ??= import(
    /* turbopackIgnore: true */ /* webpackIgnore: true */ pathToFileURL(
      join(process.cwd(), 'src/node/index.ts'),
    ).href
  ) as Promise<NodeSide>;
  return loaded;
}
