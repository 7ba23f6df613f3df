import { describe, expect, it } from 'vitest';
import { withoutOrigin } from './route.js';

describe('withoutOrigin', () => {
  it('names an endpoint given by absolute URL by its path, keeping the method', () => {
    expect(withoutOrigin('http://127.0.0.1:18091/items')).toBe('/items');
    expect(withoutOrigin('https://api.example.com/v1/orders?id={id}')).toBe('/v1/orders?id={id}');
    expect(withoutOrigin('https://api.example.com')).toBe('/');
    expect(withoutOrigin('POST http://10.0.0.5:8080/orders')).toBe('POST /orders');
  });

  it('leaves every other name as it is', () => {
    for (const name of ['GET /items', '/items', 'login', 'Aggregated', 'ftp://host/file', 'http://host/a b']) expect(withoutOrigin(name)).toBe(name);
  });
});
