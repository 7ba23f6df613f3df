/** report.html's script: the view is the JSON in #ace-data. */
import type { ReportView } from '../view.js';
import { renderReport } from './render.js';

const data = document.getElementById('ace-data');
const root = document.getElementById('ace-report');
if (data && root) renderReport(root, JSON.parse(data.textContent ?? '{}') as ReportView);
