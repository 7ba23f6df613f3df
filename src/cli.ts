#!/usr/bin/env node
/**
 * `ace <command>`: each command lives in src/commands/<command>.ts and exports
 * `run(argv): Promise<number>` returning the exit code.
 */
import { ACE_VERSION } from './version.js';

interface Command {
  run(argv: string[]): Promise<number>;
}

/**
 * Each command runs from its bundle (dist/bundle/<name>.mjs, made by `npm run build`): a few
 * files to load instead of hundreds of modules, which is most of a short command's time.
 */
const bundled = (name: string) => () => import(new URL(`./bundle/${name}.mjs`, import.meta.url).href) as Promise<Command>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  mcp: { summary: 'serve the Ace tools over stdio (MCP)', load: bundled('mcp') },
  validate: { summary: 'check a Markdown report (exit 0 clean, 1 violations, 2 usage)', load: bundled('validate') },
  run: { summary: 'analyse a target headless (scripts, CI)', load: bundled('run') },
  audit: { summary: 'model-free report from the evidence under a target (results, profiles)', load: bundled('audit') },
  diff: { summary: 'compare two load-test results, BEFORE and AFTER (exit 0, 2 usage)', load: bundled('diff') },
  check: { summary: 'CI gate: budgets and no regression against a baseline (exit 0 pass, 1 fail, 2 usage)', load: bundled('check') },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ace ${name.padEnd(10)} ${c.summary}`);
  return `Ace ${ACE_VERSION}: a performance engineer for Claude Code, MCP clients and CI.\n\nUsage:\n${lines.join('\n')}\n\nRun 'ace <command> --help' for a command's options.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${ACE_VERSION}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`ace: unknown command '${name}'\n\n${usage()}\n`);
    return 2;
  }
  return (await command.load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`ace: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
