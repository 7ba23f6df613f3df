/**
 * The check a Locust script gets: a light reading of its text, line by line, that finds a
 * user class and a task. Nothing runs the script or hands it to Python (an import in a
 * locustfile executes code), and the work is linear in the text whatever it holds.
 */

export interface LocustCheck {
  ok: boolean;
  /** What a runnable locustfile needs and this one lacks, in words. */
  missing: string[];
}

/** `class Name(HttpUser)`, `(FastHttpUser)` or `(User...)`, on one line, indentation allowed. */
const USER_CLASS = /^class[ \t]+\w+[ \t]*\([ \t]*(?:(?:Fast)?HttpUser|User)\b/;
const TASK = /@task\b|\btasks[ \t]*=/;

export function checkLocustScript(source: string): LocustCheck {
  let userClass = false;
  let task = false;
  for (const line of source.split('\n')) {
    const code = line.trimStart();
    userClass ||= USER_CLASS.test(code);
    task ||= TASK.test(code);
    if (userClass && task) break;
  }
  const missing = [...(userClass ? [] : ['a class extending HttpUser']), ...(task ? [] : ['a @task'])];
  return { ok: missing.length === 0, missing };
}
