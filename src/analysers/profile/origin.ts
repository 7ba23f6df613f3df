/**
 * Whose code a frame is: the service's own (`app`), a library it depends on (`dependency`),
 * the language runtime or standard library (`runtime`), or native code with no source the
 * profile knows (`native`: V8 builtins, C/C++ functions, the kernel). Heuristics on names and
 * paths, the same ones a reader applies: node_modules, Go's module cache, node: URLs.
 */
export type Origin = 'app' | 'dependency' | 'runtime' | 'native';

const DEPENDENCY_PATH = /[\\/](node_modules|site-packages|dist-packages|vendor|pkg[\\/]mod|\.m2|gems)[\\/]/;
const ABSOLUTE = /^(\/|file:\/\/|[A-Za-z]:[\\/]|https?:\/\/|webpack:\/\/)/;

/** V8 `.cpuprofile` frames: a function name and the script URL. */
export function jsOrigin(name: string, url: string): Origin {
  if (/^\(.*\)$/.test(name) && !url) return 'runtime'; // (program), (garbage collector), (idle), (root)
  if (!url) return 'native';
  if (!ABSOLUTE.test(url)) return 'runtime'; // node:internal/..., or node <= 14: "internal/timers.js", "events.js"
  return DEPENDENCY_PATH.test(url) ? 'dependency' : 'app';
}

/** pprof frames (Go and pprof-writing agents): the function's full name and its file. */
export function goOrigin(name: string, file: string): Origin {
  if (!name || /^0x[0-9a-f]+$/.test(name)) return 'native';
  if (file && DEPENDENCY_PATH.test(`/${file}`)) return 'dependency';
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  if (dot === -1) return file ? 'app' : 'native';
  const pkg = name.slice(0, dot);
  const first = pkg.split('/')[0]!;
  if (pkg === 'main') return 'app';
  return first.includes('.') ? 'app' : 'runtime'; // a path without a domain is the standard library
}

const JVM_RUNTIME = /^(java|javax|jdk|sun|com[./]sun)[./]/;

/** Folded-stack frames: a name, sometimes a location, sometimes a profiler's suffix. */
export function foldedOrigin(name: string, location: string | null): Origin {
  if (/_\[k\]$/.test(name)) return 'native'; // kernel (perf, async-profiler)
  const bare = name.replace(/_\[[ij0-9]\]$/, '');
  if (bare === '[unknown]' || /^\[.*\]$/.test(bare) || /^_{1,2}[a-z]/.test(bare) || bare === '_start') return 'native';
  if (JVM_RUNTIME.test(bare)) return 'runtime';
  if (location) {
    if (DEPENDENCY_PATH.test(location)) return 'dependency';
    if (/^<frozen |[\\/]lib[\\/]python\d/.test(location) || location.startsWith('node:')) return 'runtime';
  }
  return 'app';
}
