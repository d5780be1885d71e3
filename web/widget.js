// Dépêche embeddable widget. On a site page:
//   <div id="depeche-search" data-endpoint="https://site.example"></div>
//   <script src="https://site.example/widget.js" defer></script>
// Renders a compact search box and results inside that div, from the same /api/search as the page
// (the server must list the site's origin with --cors-origin when it is another origin).
// Every class name starts with "depeche-"; the styles are scoped under #depeche-search.
//
// SECURITY: API text goes in with textContent; only title_html and snippet.html, which the server
// has already HTML-escaped (<mark> only), are assigned to innerHTML. Nothing is built from the query.
'use strict';
(function () {
  const script = document.currentScript;
  function start() {
    const root = document.getElementById('depeche-search');
    if (!root || root.dataset.depecheReady) return;
    root.dataset.depecheReady = '1';
    let endpoint = root.dataset.endpoint || (script && script.src ? new URL(script.src).origin : location.origin);
    endpoint = endpoint.replace(/\/+$/, '');
    const perPage = Math.min(20, Math.max(1, parseInt(root.dataset.perPage || '5', 10) || 5));

    if (!document.getElementById('depeche-widget-style')) {
      const style = document.createElement('style');
      style.id = 'depeche-widget-style';
      style.textContent = [
        '#depeche-search{font:inherit;max-width:40rem}',
        '#depeche-search .depeche-form{display:flex;gap:.4rem;flex-wrap:wrap}',
        '#depeche-search .depeche-label{flex-basis:100%;font-weight:600}',
        '#depeche-search .depeche-input{flex:1 1 12rem;min-width:0;padding:.45rem .6rem;border:2px solid #c9ced6;border-radius:.35rem;font:inherit}',
        '#depeche-search .depeche-button{padding:.45rem .9rem;border:0;border-radius:.35rem;background:#0b5cad;color:#fff;font:inherit;cursor:pointer}',
        '#depeche-search :focus-visible{outline:3px solid #f59e0b;outline-offset:2px}',
        '#depeche-search .depeche-status{margin:.5rem 0;font-weight:600}',
        '#depeche-search .depeche-status-error{color:#b3261e}',
        '#depeche-search .depeche-hits{list-style:none;margin:0;padding:0}',
        '#depeche-search .depeche-hit{padding:.5rem 0;border-top:1px solid #e3e6ea}',
        '#depeche-search .depeche-title{font-weight:600}',
        '#depeche-search .depeche-meta{color:#5b6270;font-size:.85em}',
        '#depeche-search .depeche-snippet{margin:.2rem 0 0}',
        '#depeche-search mark{background:#ffe58a;color:inherit}',
      ].join('\n');
      document.head.append(style);
    }

    const make = (tag, cls, text) => {
      const n = document.createElement(tag);
      if (cls) n.className = cls;
      if (text !== undefined) n.textContent = text;
      return n;
    };
    const form = make('form', 'depeche-form');
    form.setAttribute('role', 'search');
    const inputId = 'depeche-q-' + Math.random().toString(36).slice(2, 8);
    const label = make('label', 'depeche-label', 'Rechercher dans les archives');
    label.htmlFor = inputId;
    const input = make('input', 'depeche-input');
    input.type = 'search';
    input.id = inputId;
    input.name = 'q';
    const button = make('button', 'depeche-button', 'Rechercher');
    button.type = 'submit';
    form.append(label, input, button);
    const status = make('p', 'depeche-status');
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    const list = make('ol', 'depeche-hits');
    root.replaceChildren(form, status, list);

    let seq = 0;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const q = input.value.trim();
      list.replaceChildren();
      if (!q) { status.textContent = ''; return; }
      const mine = ++seq;
      status.className = 'depeche-status';
      status.textContent = 'Recherche…';
      try {
        const res = await fetch(endpoint + '/api/search?per_page=' + perPage + '&q=' + encodeURIComponent(q));
        const data = await res.json().catch(() => null);
        if (mine !== seq) return;
        if (!res.ok) throw new Error((data && data.error) || 'HTTP ' + res.status);
        const n = data.counts ? data.counts.articles : 0;
        status.textContent = n ? n + (n > 1 ? ' articles' : ' article') : 'Aucun résultat pour « ' + q + ' »';
        for (const h of data.hits || []) {
          const item = make('li', 'depeche-hit');
          const title = make('a', 'depeche-title');
          title.href = /^https?:\/\//i.test(h.url || '') ? h.url : endpoint + '/?q=' + encodeURIComponent(q);
          title.innerHTML = h.title_html || '';  // server-escaped
          const meta = make('div', 'depeche-meta', [(h.date || '').slice(0, 10), h.source || ''].filter(Boolean).join(' · '));
          const snippet = make('p', 'depeche-snippet');
          if (h.snippet && h.snippet.html) snippet.innerHTML = h.snippet.html;  // server-escaped
          item.append(title, meta, snippet);
          if (h.similar > 0) item.append(make('div', 'depeche-meta', h.similar + (h.similar > 1 ? ' articles similaires' : ' article similaire')));
          list.append(item);
        }
      } catch (err) {
        if (mine !== seq) return;
        status.className = 'depeche-status depeche-status-error';
        status.textContent = 'La recherche a échoué : ' + (err && err.message ? err.message : String(err));
      }
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
