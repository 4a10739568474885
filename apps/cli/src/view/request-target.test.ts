import { describe, expect, it } from 'vitest';
import { requestTarget } from './request-target';

describe('requestTarget', () => {
  it.each([
    ['/', { kind: 'viewer', segments: [] }],
    ['/index.html?x=1#y', { kind: 'viewer', segments: ['index.html'] }],
    ['/assets/index-abc.js', { kind: 'viewer', segments: ['assets', 'index-abc.js'] }],
    ['//assets//a.js', { kind: 'viewer', segments: ['assets', 'a.js'] }],
    ['/a%20b.js', { kind: 'viewer', segments: ['a b.js'] }],
    ['/checkpoint/model.json', { kind: 'checkpoint', segments: ['model.json'] }],
  ])('%s → %j', (target, expected) => {
    expect(requestTarget(target)).toEqual(expected);
  });

  it.each([
    ['/../etc/passwd', 400],
    ['/assets/../../etc/passwd', 400],
    ['/%2e%2e/etc/passwd', 400],
    ['/%2E%2E/%2e%2e/etc/passwd', 400],
    ['/checkpoint/%2e%2e/%2e%2e/etc/passwd', 400],
    ['/checkpoint/..%2f..%2fetc%2fpasswd', 400],
    ['/checkpoint/..%5c..%5cwindows', 400],
    ['/assets/%00.js', 400],
    ['/%E0%A4%A', 400],
    ['/./index.html', 400],
    ['http://example.org/', 400],
    ['/.env', 404],
    ['/checkpoint/.git', 404],
    ['/checkpoint/', 404],
    ['/checkpoint', 404],
    ['/checkpoint/sub/model.json', 404],
  ])('refuses %s with %i', (target, status) => {
    const result = requestTarget(target);
    expect(result.kind).toBe('refused');
    expect(result.kind === 'refused' && result.status).toBe(status);
  });
});
