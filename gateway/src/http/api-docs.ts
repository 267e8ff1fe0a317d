import type { Route } from './route.js';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A readable page of every endpoint, made from the same routes as the OpenAPI document
 * (no scripts, nothing fetched from elsewhere). The full schemas are in /api/openapi.json.
 */
export function apiDocsPage(routes: Route[], version: string): string {
  const rows = routes
    .map((r) => {
      const access =
        r.access === 'public'
          ? 'anyone'
          : r.access === 'authenticated'
            ? 'logged in'
            : r.access.join(', ');
      return `<tr><td><code>${r.method.toUpperCase()}</code></td><td><code>/api${escape(r.path)}</code></td><td>${escape(
        r.summary,
      )}</td><td>${escape(access)}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PatRec API ${escape(version)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2733}table{border-collapse:collapse}
td,th{border-bottom:1px solid #d0d7de;padding:.4rem .8rem;text-align:left;vertical-align:top}</style></head>
<body><h1>PatRec gateway API</h1>
<p>Version ${escape(version)}. The machine-readable OpenAPI 3.1 document is at
<a href="/api/openapi.json">/api/openapi.json</a>. Every failure answers
<code>{ "error": { "code", "message", "details"? } }</code>; changes need the
<code>X-CSRF-Token</code> header from the log-in response.</p>
<table><thead><tr><th>method</th><th>path</th><th>what it does</th><th>who may call it</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>`;
}
