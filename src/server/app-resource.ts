/**
 * The MCP App (the ext-apps extension): `ui://ace/report`, an HTML page of MIME type
 * `text/html;profile=mcp-app` that hosts supporting MCP Apps show in a sandboxed iframe beside
 * the result of a tool that names it in `_meta.ui.resourceUri` (assemble_report,
 * loadtest_summary). The page is report.html's renderer; it draws the tool result the host hands
 * it. Hosts without MCP Apps ignore both and keep the text and structured content.
 */
import { registerAppResource, RESOURCE_MIME_TYPE } from '@modelcontextprotocol/ext-apps/server';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { REPORT_APP_URI } from '../report/html/app-meta.js';

export { REPORT_APP_META, REPORT_APP_URI } from '../report/html/app-meta.js';

export function registerReportApp(server: McpServer): void {
  registerAppResource(
    server,
    'Ace report',
    REPORT_APP_URI,
    {
      title: 'Ace report (charts)',
      description: "Charts and tables of Ace's report, shown by MCP Apps hosts beside assemble_report and loadtest_summary results.",
      _meta: { ui: { prefersBorder: true } },
    },
    async () => {
      const { renderAppHtml } = await import('../report/html/page.js');
      return { contents: [{ uri: REPORT_APP_URI, mimeType: RESOURCE_MIME_TYPE, text: renderAppHtml() }] };
    },
  );
}
