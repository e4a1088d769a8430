import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * htmx from the project's own dependency (`htmx.org`), never a CDN: read once, served by the
 * console at /assets/htmx.min.js.
 */
export function htmxScript(): string {
  return readFileSync(createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js'), 'utf8');
}

/** The console's styles: plain, readable, high contrast, a visible focus everywhere. */
export const CONSOLE_CSS = `
:root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #c8c8c8; --accent: #00527a; --bg: #ffffff; --soft: #f2f5f7;
  --warn-bg: #fff4e5; --warn: #7a3d00; --bad-bg: #fdecec; --bad: #8a1111; --ok-bg: #e8f5ec; --ok: #135c2a; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #e07000; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--ink); color: #fff; padding: .5rem 1rem; }
.skip:focus { left: 0; z-index: 10; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
header { background: var(--accent); color: #fff; padding: .5rem 1.5rem; display: flex; flex-wrap: wrap; align-items: center; gap: 1.5rem; }
header a { color: #fff; }
.brand { font-weight: 700; margin: 0; }
nav { display: flex; flex: 1; flex-wrap: wrap; align-items: center; gap: 1.5rem; }
nav ul { display: flex; gap: 1.25rem; list-style: none; margin: 0; padding: 0; }
nav a { text-decoration: none; font-weight: 600; padding: .25rem .1rem; }
nav a[aria-current="page"] { border-bottom: 3px solid #fff; }
.count { display: inline-block; min-width: 1.6em; margin-left: .35em; padding: 0 .4em; border-radius: 1em; background: #fff; color: var(--accent); text-align: center; }
.signout { margin-left: auto; display: flex; gap: .75rem; align-items: center; }
main { padding: 1rem 1.5rem 3rem; max-width: 78rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .25rem; }
button, .button { font: inherit; padding: .35rem .9rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
button.danger { background: var(--bad); border-color: var(--bad); }
header button { background: #fff; color: var(--accent); border-color: #fff; }
input, select, textarea { font: inherit; padding: .3rem .4rem; border: 1px solid #767676; border-radius: 3px; max-width: 100%; }
label { font-weight: 600; }
.field { margin: .5rem 0; display: flex; flex-direction: column; gap: .2rem; }
.inline-fields { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; }
.check { display: flex; gap: .4rem; align-items: center; font-weight: normal; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 1rem; margin: 1rem 0; }
.card h2 { margin-top: 0; }
.meta { color: var(--muted); }
.words { white-space: pre-wrap; background: var(--soft); padding: .75rem; border-radius: 4px; margin: .5rem 0; }
.notice { padding: .75rem 1rem; border-radius: 4px; margin: .5rem 0 1rem; }
.notice.ok { background: var(--ok-bg); color: var(--ok); }
.notice.error { background: var(--bad-bg); color: var(--bad); }
.warning { background: var(--warn-bg); color: var(--warn); padding: .75rem 1rem; border-radius: 4px; }
.danger-box { background: var(--bad-bg); color: var(--bad); padding: .75rem 1rem; border-radius: 4px; }
.badge { display: inline-block; padding: 0 .45em; border-radius: 3px; font-size: .9em; border: 1px solid currentColor; }
.badge.ok { color: var(--ok); } .badge.bad { color: var(--bad); } .badge.warn { color: var(--warn); }
.preview { width: 100%; height: 32rem; border: 1px solid var(--line); }
.preview-image { max-width: 100%; max-height: 32rem; border: 1px solid var(--line); }
.actions { display: flex; flex-wrap: wrap; gap: 1rem; }
.actions > form, .actions > details { flex: 1 1 20rem; }
details > summary { cursor: pointer; font-weight: 600; color: var(--accent); }
.checklist { list-style: none; padding: 0; }
.checklist > li { border-bottom: 1px solid var(--line); padding: .5rem 0; }
.mail-preview { border: 1px solid var(--line); padding: 1rem; white-space: pre-wrap; background: #fff; }
.pager { display: flex; gap: 1rem; margin-top: 1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.5rem; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; }
.document h4 { margin: 0 0 .25rem; }
fieldset { border: 1px solid var(--line); border-radius: 4px; }
`;
