import { extname, join } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { allTools } from '../tools/registry.js';
import { listPackageDir, packageRoot, readPackageFile } from '../package-files.js';

/** Supporting files of the skill, shipped with the package beside SKILL.md. */
const REFERENCE_DIR = join('skills', 'ace', 'reference');

const MIME: Record<string, string> = {
  '.md': 'text/markdown',
  '.js': 'text/javascript',
  '.py': 'text/x-python',
  '.scala': 'text/x-scala',
};

/**
 * The table catalogue: the reference page, then the live list of the tools that build a
 * report (emit, report), each with its description. Derived from the registry, never typed twice.
 */
export function tableCatalogue(root = packageRoot()): string {
  const page = readPackageFile(join(REFERENCE_DIR, 'tables.md'), root).trimEnd();
  const tools = allTools.filter((t) => t.group === 'emit' || t.group === 'report');
  const lines = tools.length
    ? tools.map((t) => `- \`${t.name}\` (${t.title}): ${t.description.split('\n')[0]}`)
    : ['- (no emit or report tool is registered in this build)'];
  return `${page}\n\n## Tools of this server that build the report\n\n${lines.join('\n')}\n`;
}

/** Registers the table catalogue and the load-test script templates as resources. */
export function registerResources(server: McpServer): void {
  const root = packageRoot();
  server.registerResource(
    'tables',
    'ace://tables',
    {
      title: 'Ace report tables',
      description: 'Every table of an Ace report, its checks, and the tools that emit it.',
      mimeType: 'text/markdown',
    },
    (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/markdown', text: tableCatalogue(root) }] }),
  );
  const templates = join(REFERENCE_DIR, 'templates');
  for (const file of listPackageDir(templates, root)) {
    const mimeType = MIME[extname(file)] ?? 'text/plain';
    const uri = `ace://templates/${file}`;
    server.registerResource(
      `template-${file.replace(/\.[^.]+$/, '')}`,
      uri,
      { title: `Load-test script template: ${file}`, description: `A ${file} starting point for the Test script table.`, mimeType },
      (u) => ({ contents: [{ uri: u.href, mimeType, text: readPackageFile(join(templates, file), root) }] }),
    );
  }
}
