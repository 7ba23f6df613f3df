/**
 * Where the MCP App showing Ace's report lives (`ui://ace/report`, registered by
 * src/server/app-resource.ts), and the `_meta` a tool carries when the app can show its result:
 * `ui.resourceUri`, plus the flat `ui/resourceUri` key older hosts read (the pair ext-apps'
 * registerAppTool writes; Ace serves tools/list from its own registry, so the tools carry it).
 */
import { RESOURCE_URI_META_KEY } from '@modelcontextprotocol/ext-apps/server';

export const REPORT_APP_URI = 'ui://ace/report';

export const REPORT_APP_META: Readonly<Record<string, unknown>> = { ui: { resourceUri: REPORT_APP_URI }, [RESOURCE_URI_META_KEY]: REPORT_APP_URI };
