// Injected by esbuild from package.json; falls back for tests run from source.
declare const __PILLARLINK_VERSION__: string | undefined;
export const VERSION: string = typeof __PILLARLINK_VERSION__ === 'string' ? __PILLARLINK_VERSION__ : '0.0.0-dev';
