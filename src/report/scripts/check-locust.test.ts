import { describe, expect, it } from 'vitest';
import { sampleSpec } from '../../../test/fixtures/k6-spec.js';
import { checkLocustScript } from './check-locust.js';
import { renderLocust } from './locust.js';

describe('checkLocustScript', () => {
  it('accepts the generated locustfile', () => {
    expect(checkLocustScript(renderLocust(sampleSpec()))).toEqual({ ok: true, missing: [] });
  });

  it('accepts the user classes and task forms Locust has', () => {
    for (const base of ['HttpUser', 'FastHttpUser', 'User']) {
      expect(checkLocustScript(`from locust import ${base}, task\n\n  class Shop(${base}):\n    @task\n    def home(self): pass\n`).ok, base).toBe(true);
    }
    expect(checkLocustScript('from locust import HttpUser\nclass Shop( HttpUser ):\n    tasks = [home]\n').ok).toBe(true);
  });

  it('names what a runnable locustfile lacks', () => {
    expect(checkLocustScript('from locust import HttpUser\nclass Shop(object):\n    pass\n')).toEqual({
      ok: false,
      missing: ['a class extending HttpUser', 'a @task'],
    });
    expect(checkLocustScript('from locust import HttpUser\nclass Shop(HttpUser):\n    pass\n').missing).toEqual(['a @task']);
    expect(checkLocustScript('from locust import HttpUser\nclass HttpUserish(Base):\n    @taskset\n').missing).toEqual([
      'a class extending HttpUser',
      'a @task',
    ]);
  });

  it('takes time linear in the text: a megabyte of blank lines is read at once', () => {
    const blank = `from locust import HttpUser\n${' \n'.repeat(500_000)}`;
    const started = Date.now();
    expect(checkLocustScript(blank).ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
