/**
 * The result cap now lives with the tools (src/tools/bound.ts), which size their pages
 * against it; this name stays for the modules that still import it from here.
 */
export { RESULT_CAP_BYTES as RESULT_TEXT_BYTES } from '../tools/bound.js';
