/**
 * The tools/list answer as the build computed it. In dist/ (tsc's output) it is undefined and
 * the server converts the registry's schemas on the first tools/list; the bundled server
 * (scripts/bundle-server.mjs) gets this module replaced by the converted list, so a started
 * server answers its first tools/list without converting some 240 KB of JSON Schema.
 */
import type { ListToolsResult } from '@modelcontextprotocol/sdk/types.js';

export const BUILT_TOOL_LIST: ListToolsResult | undefined = undefined;
