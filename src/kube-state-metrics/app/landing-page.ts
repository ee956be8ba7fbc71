/**
 * The HTML page both ports serve at `/`, with the fields exporter-toolkit's landing page shows:
 * name, description, version in Prometheus' `(version=..., branch=..., revision=...)` form, and
 * links to the endpoints.
 */

export interface LandingPage {
  name: string;
  description: string;
  version: string;
  branch?: string;
  revision?: string;
  links: { text: string; address: string }[];
  extra?: Record<string, string>;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export function renderLandingPage(page: LandingPage): string {
  const links = page.links
    .map((l) => `      <li><a href="${escapeHtml(l.address)}">${escapeHtml(l.text)}</a></li>`)
    .join('\n');
  const extra = Object.entries(page.extra ?? {})
    .map(([k, v]) => `    <p>${escapeHtml(k)}: ${escapeHtml(v)}</p>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>${escapeHtml(page.name)}</title>
  </head>
  <body>
    <header><h1>${escapeHtml(page.name)}</h1></header>
    <main>
    <h2>${escapeHtml(page.description)}</h2>
    <div>Version: ${escapeHtml(`(version=${page.version}, branch=${page.branch ?? ''}, revision=${page.revision ?? 'unknown'})`)}</div>
    <ul>
${links}
    </ul>
${extra}
    </main>
  </body>
</html>
`;
}

export const LANDING_CONTENT_TYPE = 'text/html; charset=UTF-8';
