/**
 * Progress on stderr. On a TTY: one live status line (elapsed time, turn, tokens, what is
 * happening now), rewritten in place, with each tool call printed above it. Otherwise: one
 * plain line per event, nothing rewritten. Colour only on a TTY and never with NO_COLOR.
 */

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const ARG_TEXT_MAX = 48;
const SUMMARY_MAX = 110;

/** `key=value` pairs of a tool call's arguments, cut short: what a person needs to follow the run. */
export function summarizeArgs(args: unknown): string {
  if (!args || typeof args !== 'object') return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(args as Record<string, unknown>)) {
    let shown: string;
    if (typeof value === 'string') shown = JSON.stringify(cut(value.replace(/\s+/g, ' '), ARG_TEXT_MAX));
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) shown = String(value);
    else if (Array.isArray(value)) shown = `[${value.length}]`;
    else shown = '{…}';
    parts.push(`${key}=${shown}`);
  }
  return cut(parts.join(' '), SUMMARY_MAX);
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  const m = Math.floor(s / 60);
  return m >= 60
    ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
    : `${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export function formatTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)}k`;
  return `${(n / 1_000_000).toFixed(2)}M`;
}

export function colorEnabled(stream: ProgressStream, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
}

export class Progress {
  private readonly started = Date.now();
  private readonly live: boolean;
  private readonly color: boolean;
  private turn = 0;
  private tokens = 0;
  private activity = 'starting';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stream: ProgressStream,
    env: NodeJS.ProcessEnv,
  ) {
    this.live = stream.isTTY === true && env.TERM !== 'dumb';
    this.color = colorEnabled(stream, env);
    if (this.live) {
      this.timer = setInterval(() => this.redraw(), 1000);
      this.timer.unref();
    }
  }

  /** A model turn starts. */
  turnStarted(turn: number): void {
    this.turn = turn;
    this.setActivity('waiting for the model');
  }

  /** The tokens used so far, all turns. */
  setTokens(tokens: number): void {
    this.tokens = tokens;
    this.redraw();
  }

  toolCall(name: string, args: unknown): void {
    this.line(`${this.paint('1', name)} ${summarizeArgs(args)}`.trimEnd());
    this.setActivity(`running ${name}`);
  }

  toolFailed(name: string, message: string): void {
    this.line(`${this.paint('33', `${name} → error`)}: ${cut(message.replace(/\s+/g, ' '), SUMMARY_MAX)}`);
  }

  /** A line that stays (a retry, the end of the run, a warning). */
  note(message: string, tone: 'info' | 'warn' | 'error' = 'info'): void {
    this.line(tone === 'info' ? message : this.paint(tone === 'warn' ? '33' : '31', message));
  }

  /** Clears the live line and stops its clock. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.live) this.stream.write('\r\x1b[2K');
  }

  /** What the live line says is happening now. */
  setActivity(activity: string): void {
    this.activity = activity;
    this.redraw();
  }

  private status(): string {
    return `${formatElapsed(Date.now() - this.started)}  turn ${this.turn}  ${formatTokens(this.tokens)} tokens`;
  }

  private line(text: string): void {
    const prefix = this.paint('2', `[ace ${this.status()}]`);
    if (this.live) this.stream.write('\r\x1b[2K');
    this.stream.write(`${prefix} ${text}\n`);
    this.redraw();
  }

  private redraw(): void {
    if (!this.live || !this.timer) return;
    // A pseudo-terminal may report 0 columns.
    const width = Math.max(20, (this.stream.columns || 80) - 1);
    const text = cut(`ace ${this.status()}  ${this.activity}`, width);
    this.stream.write(`\r\x1b[2K${this.paint('36', text)}`);
  }

  private paint(code: string, text: string): string {
    return this.color ? `\x1b[${code}m${text}\x1b[0m` : text;
  }
}
